import Foundation
import Glibc
import TestSupport
import Testing

/// Challenges, predictions, check-all and lint through the built binary, on real measurements.
@Suite struct ChallengeCommandTests {
    static let fixtures = Fixtures.lint.path

    /// A hint wraps to the width, under its label: at 60 columns its lines use the room (the
    /// label was counted twice, lines stopped at 47 columns and "sets." stood alone).
    @Test func aHintWrapsToTheWidthUnderItsLabel() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try Zctour.run(
            [], environment: ["XDG_STATE_HOME": state, "COLUMNS": "60"], input: "challenge few-splices\nhint\n")
        let start = try #require(result.stdout.range(of: "Hint 1 of 2: "), "\(result.stdout)")
        let hint = result.stdout[start.lowerBound...].split(separator: "\n").prefix { $0.hasPrefix("Hint") || $0.hasPrefix("   ") }
        #expect(hint.count == 2, "\(hint)")
        #expect(hint.allSatisfy { $0.count <= 60 } && (hint.first?.count ?? 0) > 52, "\(hint)")
        #expect(hint.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 13)) }, "\(hint)")
    }

    /// The naive attempt (the default 64K buffer: 257 reads for 16 MiB) fails the check; the
    /// reference solution, run later from the command line, passes it; progress counts it.
    @Test func aNaiveAttemptFailsAndTheReferenceSolutionPasses() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let env = ["XDG_STATE_HOME": state]
        let naive = try Zctour.run([], environment: env, input: "challenge few-reads\nrun read-write --size 16M\ncheck\nsolution\n")
        #expect(naive.termination == .exited(1), "\(naive.stderr)")
        #expect(naive.stdout.contains("✗ Not yet: few-reads (1 run since it began, try 1)"), "\(naive.stdout)")
        #expect(naive.stdout.contains("✗ read-write.syscr < 100  (measured 257, needs < 100)"))
        #expect(naive.stdout.contains("the reference solution shows once you reach the goal, or after 2 more checks"))
        #expect(!naive.stdout.contains("--buffer 1M"))

        let run = try Zctour.run(["run", "read-write", "--size", "16M", "--buffer", "1M"], environment: env)
        #expect(run.termination == .exited(0), "\(run.stderr)")
        let check = try Zctour.run(["check", "--json"], environment: env)
        #expect(check.termination == .exited(0), "\(check.stderr)")
        let document = try #require(check.json)
        #expect(document["schema"] as? String == "zctour.check/1")
        #expect(document["passed"] as? Bool == true)
        #expect(document["runs"] as? Int == 2)
        let checks = try #require(document["checks"] as? [[String: Any]])
        #expect(checks.last?["left"] as? Int == 17)
        #expect(document["solution"] as? [String] == ["run read-write --size 16M --buffer 1M"])

        let progress = try Zctour.run(["progress"], environment: env)
        #expect(progress.stdout.hasPrefix("1 of "), "\(progress.stdout)")
        #expect(progress.stdout.contains(" challenges, lesson 1 of \(Fixtures.lastLesson)"), "\(progress.stdout)")
        let json = try #require(try Zctour.run(["progress", "--json"], environment: env).json)
        let lessons = try #require(json["lessons"] as? [[String: Any]])
        let first = try #require(lessons.first?["challenges"] as? [[String: Any]])
        #expect(first.map { $0["done"] as? Bool } == [true, false])
    }

    /// A guess given beforehand is shown against the measurement and kept; without one,
    /// nothing waits and the measurement is recorded alone.
    @Test func predictionsRecordTheGuessAndTheResult() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let guided = try Zctour.run([], environment: ["XDG_STATE_HOME": state], input: "predict 300\nlesson 2\nnext\n")
        #expect(guided.termination == .exited(0), "\(guided.stderr)")
        #expect(guided.stdout.contains("Predict: For 1 MiB with a 4 KiB buffer, how many allocations will the allocating loop make?"))
        // (The verdict wraps to the width; read it as one line.)
        let unwrapped = guided.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            unwrapped.contains(
                "Prediction: you guessed 300; measured 257 (read-write-alloc.allocations), your guess was 1.2 times too high"),
            "\(guided.stdout)")
        let saved = try #require(try Zctour.run(["progress", "--json"], environment: ["XDG_STATE_HOME": state]).json)
        let predictions = try #require(saved["predictions"] as? [[String: Any]])
        #expect(predictions.count == 1)
        #expect(predictions.first?["guess"] as? Int == 300)
        #expect(predictions.first?["measured"] as? Int == 257)

        let plain = try Zctour.run(["lesson", "2", "--json"])
        #expect(plain.termination == .exited(0), "\(plain.stderr)")
        let recorded = try #require(plain.json?["predictions"] as? [[String: Any]])
        #expect(recorded.count == 1)
        #expect(recorded.first?["guess"] is NSNull)
        #expect(recorded.first?["measured"] as? Int == 257)
    }

    /// What a workshop's CI runs: every lesson's checks hold, every reference solution reaches
    /// its goal, every naive attempt does not.
    @Test func checkAllHoldsOnTheShippedLessons() throws {
        let result = try Zctour.run(["check-all", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)\n\(result.stdout)")
        let document = try #require(result.json)
        #expect(document["passed"] as? Bool == true)
        let lessons = try #require(document["lessons"] as? [[String: Any]])
        #expect(lessons.map { $0["number"] as? Int } == Fixtures.lessonNumbers)
        let challenges = lessons.flatMap { $0["challenges"] as? [[String: Any]] ?? [] }
        #expect(challenges.count >= 8)
        for challenge in challenges {
            #expect(challenge["solution"] as? String == "passed", "\(challenge)")
            #expect(challenge["naive"] as? String == "failed", "\(challenge)")
        }
    }

    @Test func theShippedLessonsLintClean() throws {
        let result = try Zctour.run(["lint"])
        #expect(result.termination == .exited(0), "\(result.stdout)\(result.stderr)")
        let count = { (folder: URL) in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".md") }.count
        }
        let translations = count(Fixtures.lessons.appendingPathComponent("zh"))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first.map(String.init) == "\(count(Fixtures.lessons)) lesson files and \(translations) translations, no problems")
        // The workshop kit beside the lessons is linted too (samples/workshop).
        #expect(lines.count == 2 && lines[1].hasPrefix("10 workshop files naming ") && lines[1].hasSuffix(" commands, no problems"))
    }

    static let brokenLessons: [([String], [String])] = [
        (["01-missing-title.md"], ["01-missing-title.md:1: the front matter has no 'title:'"]),
        (["02-unknown-demo.md"], ["02-unknown-demo.md:13: 'run read-wirte --size 1M': unknown demo 'read-wirte'"]),
        (["03-unknown-option.md"], ["03-unknown-option.md:13: 'run read-write --sise 1M': Unknown option '--sise'"]),
        (["04-option-not-taken.md"], ["04-option-not-taken.md:13: 'run mmap --buffer 4K': option --buffer does not apply to demo 'mmap'"]),
        (
            ["05-unknown-counter.md"],
            [
                "05-unknown-counter.md:13: predict: 'read-write.syscall' names an unknown counter 'syscall'",
                "05-unknown-counter.md:15: 'read-write.sysrc' names an unknown counter 'sysrc'; did you mean 'syscr'?",
            ]
        ),
        (["06-challenge-without-check.md"], ["06-challenge-without-check.md:12: challenge nothing-checks has no 'check:' line"]),
        (["07-challenge-without-solution.md"], ["07-challenge-without-solution.md:12: challenge no-reference has no 'solution:' line"]),
        (
            ["08-duplicate-id-a.md", "09-duplicate-id-b.md", "10-duplicate-number.md"],
            ["09-duplicate-id-b.md:2: id 'same-id' is already the id of", "10-duplicate-number.md:3: number 8 is already the number of"]
        ),
        (
            ["11-challenge-bad-lines.md"],
            [
                "11-challenge-bad-lines.md:15: a challenge line is 'KEY: value'",
                "11-challenge-bad-lines.md:19: challenge id 'bad-line' is used twice",
                "11-challenge-bad-lines.md:21: 'read-write.bogus' names an unknown counter 'bogus'",
            ]
        ),
        (["12-unknown-front-matter-demo.md"], ["12-unknown-front-matter-demo.md:5: demos: unknown demo 'zerocopy'"]),
        (["13-unclosed-block.md"], ["13-unclosed-block.md:12: this code block is never closed with ```"]),
        (
            ["14-prose-counter.md"],
            [
                "14-prose-counter.md:16: the prose names `rchar`, but no command of this section shows rchar at 80 columns",
                "14-prose-counter.md:16: the prose names `wchar`, but no command of this section shows wchar at 80 columns",
            ]
        ),
        (["15-no-sources.md"], ["15-no-sources.md:4: the lesson has no '## Sources' list"]),
        (
            ["16-goal-names-a-demo.md"],
            ["16-goal-names-a-demo.md:12: challenge few-writes: the goal names `sendfile`, so check sendfile.FIELD, not last.FIELD"]
        ),
    ]

    /// One line per problem, `path:line: message`, and exit status 1.
    @Test(arguments: brokenLessons)
    func lintCatchesEachKindOfBrokenLesson(files: [String], expected: [String]) throws {
        let result = try Zctour.run(["lint"] + files.map { Self.fixtures + "/" + $0 })
        #expect(result.termination == .exited(1), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count, "\(result.stdout)")
        for (line, wanted) in zip(lines, expected) {
            #expect(line.hasPrefix(Self.fixtures + "/" + wanted), "\(line)")
        }
        #expect(result.stderr.hasPrefix("zctour: \(expected.count) problem"))
    }

    @Test func lintOfAMissingPathIsAUsageError() throws {
        let result = try Zctour.run(["lint", "/nonexistent-lesson.md"])
        #expect(result.termination == .exited(2))
        #expect(result.stderr == "zctour: lint: no such file or folder: /nonexistent-lesson.md\n")
    }

    @Test func checkWithoutAChallengeSaysHowToStartOne() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try Zctour.run(["check"], environment: ["XDG_STATE_HOME": state])
        #expect(result.termination == .exited(2))
        #expect(result.stderr.contains("no challenge is on"))
    }
}
