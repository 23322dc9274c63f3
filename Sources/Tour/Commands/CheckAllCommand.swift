import ArgumentParser
import Syscalls
import ZeroCopy

/// `check-all [LESSON...]`: for a workshop's own CI. Plays every lesson without a prompt and
/// checks its `expect` lines, then for every challenge runs the reference solution and
/// checks that it reaches the goal, and runs each naive attempt (the defaults, and the ways to
/// game the goal) and checks that none does. Real runs, real counters; exit status 1 if
/// anything did not hold. The learner's progress is neither read nor changed.
public struct CheckAllCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check-all",
        abstract: "Run every lesson and every challenge's reference solution, non-interactively; exit status 1 on a failure.")

    @Argument(help: "Lessons to check (number or id); all without.")
    var lessons: [String] = []

    @OptionGroup public var output: OutputOptions
    public init() {}

    struct Report: Encodable {
        let schema = JSONSchema.checkAll
        var passed: Bool
        var lessons: [LessonReport]
        /// The workshop kit beside the lessons, checked when every lesson is.
        var workshop: WorkshopCheck?
    }

    struct LessonReport: Encodable {
        let number: Int
        let id: String
        var checks: Int
        var failed: [String]
        var unchecked: Int
        var error: String?
        var challenges: [ChallengeReport]
    }

    struct ChallengeReport: Encodable {
        let id: String
        /// `passed`, `failed` or `unavailable` (counters this machine cannot give).
        var solution: String
        /// `failed` as it should (every attempt), `passed` (one reached the goal: the check can be
        /// gamed), `unavailable` (the solution could not be checked here, so neither can the
        /// attempts), or `none` (no naive attempt given).
        var naive: String
        /// Each naive attempt, its commands, and whether it reached the goal.
        var attempts: [Attempt]
        var checks: [ChallengeVerdict.Line]
        var error: String?
    }

    struct Attempt: Encodable {
        let commands: [String]
        let reached: Bool
    }

    public func execute(in context: TourContext) throws {
        let library = try context.library()
        let chosen = try lessons.isEmpty ? library.lessons : lessons.map { name throws(UsageError) in try library.lesson(name) }
        let style = context.style
        // Its lines fit the width (--width, the terminal's, or 80 in a pipe) under a hanging indent.
        func sayFitted(_ text: String) { context.say(TextWrapper.fitLines(text, width: style.width)) }
        var report = Report(passed: true, lessons: [])
        let progress = ProgressLine.shared.begin("check-all: lesson", steps: chosen.count)
        defer { ProgressLine.shared.end(progress) }
        for (index, lesson) in chosen.enumerated() {
            ProgressLine.shared.advance(progress, to: index + 1, detail: lesson.id)
            var entry = LessonReport(number: lesson.number, id: lesson.id, checks: 0, failed: [], unchecked: 0, error: nil, challenges: [])
            let player = LessonPlayer(lesson: lesson, total: library.lastNumber)
            // Each lesson gets its own samples, as `zctour lesson N` does: an earlier lesson's
            // --cold or --direct must not leave a shared sample half out of the page cache.
            let runner = DemoRunner(procRoot: context.runner.procRoot)
            defer { runner.close() }
            let quiet = fresh(context, runner: runner)
            do {
                let results = try player.play(in: quiet)
                entry.checks = results.count
                entry.failed = results.filter { $0.outcome == "failed" || $0.outcome == "invalid" }
                    .map { "line \($0.line): expect \($0.expect)" + ($0.left.map { " (measured \(NumberFormat.count($0)))" } ?? "") }
                entry.unchecked = results.filter { $0.outcome == "unavailable" }.count
            } catch let error as Interrupted { throw error } catch {
                entry.error = "\(error)"
            }
            for challenge in lesson.challenges {
                entry.challenges.append(try check(challenge, of: lesson, player: player, runner: runner, in: context))
            }
            let good =
                entry.error == nil && entry.failed.isEmpty
                && entry.challenges.allSatisfy { $0.error == nil && $0.solution != "failed" && $0.naive != "passed" }
            if !good { report.passed = false }
            if !context.json { sayFitted(render(entry, style: style)) }
            report.lessons.append(entry)
        }
        if lessons.isEmpty, let workshop = try checkWorkshop(library: library, in: context) {
            report.workshop = workshop
            if !workshop.passed { report.passed = false }
            if !context.json { sayFitted(render(workshop, style: style)) }
        }
        if context.json { try context.emitJSON(report) }
        guard report.passed else {
            let bad = report.lessons.filter { lesson in
                lesson.error != nil || !lesson.failed.isEmpty
                    || lesson.challenges.contains { $0.error != nil || $0.solution == "failed" || $0.naive == "passed" }
            }
            if !context.json {
                var failures = bad.flatMap(recap)
                if let workshop = report.workshop, !workshop.passed {
                    failures += workshop.problems.map { "workshop kit: \($0)" }
                    failures += workshop.scripts.flatMap { script in script.failed.map { "workshop kit, \(script.file): \($0)" } }
                }
                context.say(style.red("What did not hold:"))
                sayFitted(failures.map { "  " + style.red($0) }.joined(separator: "\n"))
            }
            if bad.isEmpty { throw RuntimeFailure("check-all: the workshop kit in samples/workshop did not hold on this machine") }
            throw RuntimeFailure(
                "check-all: lesson\(bad.count == 1 ? "" : "s") \(bad.map { String($0.number) }.joined(separator: ", ")) did not hold on this machine"
            )
        }
        if !context.json {
            let all = report.lessons.flatMap(\.challenges)
            let unchecked = all.filter { $0.solution == "unavailable" }.count
            let held = all.count - unchecked
            var summary =
                "\(style.check) \(report.lessons.count) lesson\(report.lessons.count == 1 ? "" : "s") and \(held) challenge\(held == 1 ? "" : "s") hold on this machine"
            if unchecked > 0 { summary += "; \(unchecked) challenge\(unchecked == 1 ? " is" : "s are") not checkable here" }
            sayFitted(unchecked > 0 ? style.yellow(summary) : style.green(summary))
        }
    }

    /// A context of its own for each lesson and attempt, so checks see only that one's runs;
    /// silent, and kept out of the learner's progress.
    func fresh(_ context: TourContext, runner: DemoRunner) -> TourContext {
        let made = TourContext(runner: runner, style: context.style, format: .json)
        made.target = .discard
        made.attempts = .ignored
        return made
    }

    func check(_ challenge: Challenge, of lesson: Lesson, player: LessonPlayer, runner: DemoRunner, in context: TourContext) throws
        -> ChallengeReport
    {
        var entry = ChallengeReport(id: challenge.id, solution: "failed", naive: "none", attempts: [], checks: [], error: nil)
        func attempt(_ commands: [Lesson.CommandLine]) throws -> ChallengeVerdict {
            let quiet = fresh(context, runner: runner)
            for command in commands { try player.run(command.text, line: command.line, in: quiet) }
            return ChallengeVerdict.evaluate(challenge, runs: quiet.records, refusals: quiet.refusals)
        }
        do {
            guard !challenge.solution.isEmpty else {
                entry.error = "no reference solution"
                return entry
            }
            let verdict = try attempt(challenge.solution)
            entry.checks = verdict.lines
            entry.solution =
                verdict.passed
                ? "passed"
                : verdict.lines.allSatisfy({ $0.outcome == "passed" || $0.outcome == "unavailable" }) ? "unavailable" : "failed"
            // A naive attempt proves something only where the solution could be checked at all.
            if !challenge.naive.isEmpty && entry.solution == "unavailable" {
                entry.naive = "unavailable"
            } else if !challenge.naive.isEmpty {
                for commands in challenge.naiveAttempts {
                    entry.attempts.append(Attempt(commands: commands.map(\.text), reached: try attempt(commands).passed))
                }
                entry.naive = entry.attempts.contains(where: \.reached) ? "passed" : "failed"
            }
        } catch let error as Interrupted { throw error } catch {
            entry.error = "\(error)"
        }
        return entry
    }

    /// A failed lesson's failures again, one line each, after the last lesson: a long run's
    /// first lessons scroll away, and a CI log often keeps only its tail.
    func recap(_ entry: LessonReport) -> [String] {
        let lesson = "lesson \(entry.number) \(entry.id)"
        var lines = entry.error.map { ["\(lesson): \($0)"] } ?? []
        lines += entry.failed.map { "\(lesson), \($0)" }
        for challenge in entry.challenges {
            let name = "\(lesson), challenge \(challenge.id)"
            if let error = challenge.error { lines.append("\(name): \(error)") }
            if challenge.solution == "failed" {
                lines += challenge.checks.filter { $0.outcome != "passed" && $0.outcome != "unavailable" }.map { line in
                    let measured = line.left.map { left in
                        "measured \(NumberFormat.count(left)), needs \(line.comparison) \(NumberFormat.count(line.right ?? 0))"
                    }
                    return "\(name): the reference solution misses \(line.check) (\(measured ?? line.reason ?? "not measured"))"
                }
            }
            for attempt in challenge.attempts where attempt.reached {
                lines.append(
                    "\(name): the naive attempt '\(attempt.commands.joined(separator: Challenge.attemptSeparator))' reaches it too")
            }
        }
        return lines
    }

    func render(_ entry: LessonReport, style: Style) -> String {
        var lines: [String] = []
        if let error = entry.error {
            lines.append(style.red("\(style.cross) lesson \(entry.number) \(entry.id): \(error)"))
        } else if entry.checks == 0 {
            lines.append(style.green(style.check) + " lesson \(entry.number) \(entry.id): every block ran; it has no checks of its own")
        } else if entry.failed.isEmpty {
            let unchecked = entry.unchecked > 0 ? style.yellow(", \(entry.unchecked) not checkable here") : ""
            lines.append(
                style.green(style.check)
                    + " lesson \(entry.number) \(entry.id): \(entry.checks - entry.unchecked) of \(entry.checks) checks held" + unchecked)
        } else {
            lines.append(
                style.red("\(style.cross) lesson \(entry.number) \(entry.id): \(entry.failed.count) of \(entry.checks) checks did not hold")
            )
            lines += entry.failed.map { "    " + style.red($0) }
        }
        for challenge in entry.challenges {
            if let error = challenge.error {
                lines.append("  " + style.red("\(style.cross) challenge \(challenge.id): \(error)"))
                continue
            }
            let measured = challenge.checks.map { line -> String in
                guard let left = line.left else { return line.check }
                return "\(line.check): \(NumberFormat.count(left))"
            }.joined(separator: "; ")
            let naive =
                challenge.naive != "failed"
                ? ""
                : challenge.attempts.count == 1
                    ? ", the naive attempt does not" : ", none of its \(challenge.attempts.count) naive attempts does"
            switch challenge.solution {
            case "passed":
                lines.append(
                    "  \(style.green(style.check)) challenge \(challenge.id): the reference solution reaches it\(naive)  "
                        + style.dim("(\(measured))"))
            case "unavailable":
                lines.append(
                    "  "
                        + style.yellow(
                            "? challenge \(challenge.id): not checkable here (\(challenge.checks.compactMap(\.reason).first ?? "counters unavailable"))"
                        ))
            default:
                lines.append("  " + style.red("\(style.cross) challenge \(challenge.id): the reference solution does not reach it"))
                lines += ChallengeVerdict(passed: false, lines: challenge.checks).render(style: style).map { "  " + $0 }
            }
            for attempt in challenge.attempts where attempt.reached {
                lines.append(
                    "  "
                        + style.red(
                            "\(style.cross) challenge \(challenge.id): the naive attempt '\(attempt.commands.joined(separator: Challenge.attemptSeparator))' "
                                + "reaches it too, so the checks can be met without the technique"))
            }
        }
        return lines.joined(separator: "\n")
    }
}
