import Foundation
import TestSupport
import Testing

/// What a lesson shows a learner, through the built binary: checks that held fold into one
/// line and the others show in full, `checks` and `--verbose` list them all, a sweep drawn
/// before folds its charts, a prediction one short says what it missed, a check without a new
/// run is not a try, and check-all fails a challenge that its naive attempts can game.
@Suite struct LessonContentTests {
    static let fold = Fixtures.directory.appendingPathComponent("tour-fold").path
    static let gameable = Fixtures.directory.appendingPathComponent("tour-gameable").path

    @Test func checksThatHeldFoldAndTheOthersShowInFull() throws {
        let folded = try Zctour.run(["lesson", "1"], environment: ["ZCTOUR_LESSONS": Self.fold])
        #expect(folded.termination == .exited(1), "\(folded.stderr)")
        #expect(
            folded.stdout.contains("\n  ✓ 3 claims held · --verbose lists them\n  ✗ read-write.syscr == 16  (measured 17 against 16)\n"))
        #expect(!folded.stdout.contains("✓ read-write.syscw == 16"))
        #expect(folded.stdout.contains("✗ 1 of 4 checks did not hold"))
        let verbose = try Zctour.run(["lesson", "1", "--verbose"], environment: ["ZCTOUR_LESSONS": Self.fold])
        #expect(verbose.stdout.contains("\n  ✓ read-write.syscw == 16  (16 == 16)\n  ✓ read-write.rchar == 64K  (65,536 == 65,536)\n"))
        #expect(!verbose.stdout.contains("claims held"))
    }

    /// At the prompt the fold says `checks`, and `checks` lists the section's checks in full.
    @Test func checksListsTheChecksOfTheSectionShownLast() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let env = ["ZCTOUR_LESSONS": Self.fold, "XDG_STATE_HOME": state]
        let guided = try Zctour.run([], environment: env, input: "next\nchecks\n")
        #expect(guided.stdout.contains("✓ 3 claims held · checks lists them"), "\(guided.stdout)")
        #expect(guided.stdout.contains("Checks of lesson 1, section 1 of 2: Checks\n  ✓ read-write.syscw == 16  (16 == 16)\n"))
        // And from the command line, read from the progress the guided run saved.
        let later = try Zctour.run(["checks", "--json"], environment: env)
        #expect(later.termination == .exited(0), "\(later.stderr)")
        let document = try #require(later.json)
        #expect(document["schema"] as? String == "zctour.checks/1")
        let checks = try #require(document["checks"] as? [[String: Any]])
        #expect(checks.map { $0["outcome"] as? String } == ["passed", "passed", "passed", "failed"])
    }

    /// The second sweep of the same demo shows its table and one line instead of its charts.
    @Test func aSweepDrawnBeforeFoldsItsCharts() throws {
        let result = try Zctour.run(["lesson", "1"], environment: ["ZCTOUR_LESSONS": Self.fold])
        let charts = result.stdout.components(separatedBy: "\n  throughput\n").count - 1
        #expect(charts == 1, "\(result.stdout)")
        #expect(result.stdout.contains("charts folded: this lesson drew them; --verbose, or this sweep at the prompt, draws them"))
        let verbose = try Zctour.run(["lesson", "1", "--verbose"], environment: ["ZCTOUR_LESSONS": Self.fold])
        #expect(verbose.stdout.components(separatedBy: "\n  throughput\n").count - 1 == 2)
    }

    /// A handout folds nothing: every check and every chart, and the Sources list at the end.
    @Test func aHandoutShowsEveryCheckEveryChartAndTheSources() throws {
        let handout = try Zctour.run(["export", "--lesson", "1", "--format", "md"], environment: ["ZCTOUR_LESSONS": Self.fold])
        #expect(handout.stdout.contains("- ✓ `expect read-write.syscw == 16` (16 == 16)"), "\(handout.stdout)")
        #expect(!handout.stdout.contains("claims held"))
        #expect(!handout.stdout.contains("charts folded"))
        #expect(handout.stdout.contains("### Sources\n\n- proc(5), `/proc/pid/io`."))
    }

    /// Counts are exact: a guess one read short is not "within 10%", it missed the read that
    /// finds the end of the file.
    @Test func aPredictionOneShortSaysWhatItMissed() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try Zctour.run(
            [], environment: ["ZCTOUR_LESSONS": Self.fold, "XDG_STATE_HOME": state], input: "predict 16\nlesson 1\n")
        let unwrapped = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            unwrapped.contains(
                "you guessed 16; measured 17 (read-write.syscr), one short: the read that returns 0 at the end of the file is a syscall, and it counts"
            ), "\(result.stdout)")
        #expect(!unwrapped.contains("within 10%"))
    }

    /// Checking again without a new run measures nothing new: it is not a try, and it brings
    /// the reference solution no closer.
    @Test func aCheckWithoutANewRunIsNotATry() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let env = ["XDG_STATE_HOME": state]
        let result = try Zctour.run(
            [], environment: env, input: "challenge few-reads\nrun read-write --size 16M\ncheck\ncheck\ncheck\nsolution\n")
        #expect(result.stdout.contains("✗ Not yet: few-reads (1 run since it began, try 1)"), "\(result.stdout)")
        #expect(!result.stdout.contains("try 2"))
        #expect(result.stdout.components(separatedBy: "No run since the last check, so this check is not a try").count - 1 == 2)
        #expect(result.stdout.contains("or after 2 more checks that miss it"))
        let one = try Zctour.run(["run", "read-write", "--size", "16M", "--buffer", "128K"], environment: env)
        #expect(one.termination == .exited(0), "\(one.stderr)")
        let check = try Zctour.run(["check", "--json"], environment: env)
        #expect(check.json?["tries"] as? Int == 2)
        #expect(try Zctour.run(["solution"], environment: env).stdout.contains("or after 1 more check that misses it"))
    }

    /// A goal any demo may reach ("fewer than 4 write-type syscalls") is reached by the copying
    /// loop with a 1 MiB buffer: check-all runs that naive attempt and fails the lesson. The
    /// same goal checked on the technique it names holds.
    @Test func checkAllFailsAChallengeItsNaiveAttemptsCanGame() throws {
        let gamed = try Zctour.run(["check-all", "1", "--width", "60"], environment: ["ZCTOUR_LESSONS": Self.gameable])
        #expect(gamed.termination == .exited(1), "\(gamed.stderr)")
        // Every line fits the 60 columns asked for; the text read as one flow is the same.
        let lines = gamed.stdout.split(separator: "\n")
        #expect(lines.filter { $0.count > 60 } == [], "\(gamed.stdout)")
        let flowing = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(
            flowing.contains(
                "✗ challenge few-writes: the naive attempt 'run read-write --size 1M --buffer 1M --to socket' reaches it too"),
            "\(gamed.stdout)")
        #expect(!flowing.contains("'run sendfile --size 1M --buffer 64K --to socket' reaches it too"))
        // The failure is said again after the last lesson, where a log's tail keeps it.
        let recap = try #require(flowing.range(of: "What did not hold: "), "\(gamed.stdout)")
        #expect(
            flowing[recap.upperBound...].hasPrefix(
                "lesson 1 gameable, challenge few-writes: the naive attempt 'run read-write --size 1M --buffer 1M --to socket' reaches it too"
            ),
            "\(gamed.stdout)")
        #expect(flowing.contains("✓ lesson 1 gameable: every block ran; it has no checks of its own"), "\(gamed.stdout)")
        let json = try #require(try Zctour.run(["check-all", "1", "--json"], environment: ["ZCTOUR_LESSONS": Self.gameable]).json)
        let challenge = try #require(((json["lessons"] as? [[String: Any]])?.first?["challenges"] as? [[String: Any]])?.first)
        #expect(challenge["naive"] as? String == "passed")
        let attempts = try #require(challenge["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["reached"] as? Bool } == [false, true])
        let fixed = try Zctour.run(["check-all", "2"], environment: ["ZCTOUR_LESSONS": Self.gameable])
        #expect(fixed.termination == .exited(0), "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("✓ challenge few-writes: the reference solution reaches it, none of its 2 naive attempts does"))
    }
}
