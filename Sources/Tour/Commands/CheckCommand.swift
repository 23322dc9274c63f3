import ArgumentParser

/// `check`: measures the runs made since the current challenge began against its goal.
public struct CheckCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the current challenge against your runs since it began (exit status 1 if not reached).")

    @OptionGroup public var output: OutputOptions
    public init() {}

    static let triesBeforeSolution = 3

    struct Document: Encodable {
        let schema = JSONSchema.check
        let challenge: String
        let passed: Bool
        let tries: Int
        let runs: Int
        let checks: [ChallengeVerdict.Line]
        let solution: [String]?
    }

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        let style = context.style
        guard let attempt = guide.progress.challenge, let (lesson, challenge) = guide.currentChallenge else {
            throw UsageError("no challenge is on; each lesson's last section starts one, or challenge ID (challenge lists them)")
        }
        let verdict = ChallengeVerdict.evaluate(challenge, runs: attempt.runs)
        // A try is a check of runs the previous check had not seen; checking again without
        // running anything measures nothing new, so it must not bring the solution closer.
        let counted = attempt.hasNewRuns
        if verdict.passed { guide.markDone(challenge, of: lesson, in: context) }
        if counted {
            guide.updateAttempt(in: context) {
                $0.tries += 1
                $0.checkedAt = $0.made
            }
        }
        let tries = guide.progress.challenge?.tries ?? attempt.tries
        if context.json {
            try context.emitJSON(
                Document(
                    challenge: challenge.key(in: lesson), passed: verdict.passed, tries: tries, runs: attempt.runs.count,
                    checks: verdict.lines, solution: verdict.passed ? challenge.solution.map(\.text) : nil))
        } else if verdict.passed {
            var text =
                style.green("\(style.check) " + Strings.challengeReached(challenge.id)) + " "
                + style.dim(Strings.runsSinceBegan(attempt.runs.count))
            text += "\n" + verdict.render(style: style).joined(separator: "\n")
            text +=
                "\n" + style.bold(Strings.referenceSolution.text) + "\n"
                + challenge.solution.map { "  " + style.cyan($0.text) }.joined(separator: "\n")
            text += "\n" + guide.tally + Strings.fullStop.text
            context.say(text)
            if let next = lesson.challenges.first(where: { !guide.isDone($0, of: lesson) }) {
                guide.begin(next, of: lesson, in: context)
            } else {
                guide.updateAttempt(in: context) { _ in }
                context.say(style.dim(Strings.lessonChallengesDone(lesson.number)))
            }
        } else {
            var text: String
            if attempt.runs.isEmpty {
                text =
                    style.yellow(Strings.nothingRunYet(challenge.id)) + MarkdownText.inline(challenge.goal, style: style)
                    + "\n" + style.dim(Strings.tryRunOrCompare.text)
            } else {
                text =
                    style.red("\(style.cross) " + Strings.notYet(challenge.id)) + " "
                    + style.dim(Strings.runsAndTry(attempt.runs.count, try: tries))
                text += "\n" + verdict.render(style: style).joined(separator: "\n")
                if !counted {
                    let unchanged = Strings.checkIsNotATry.text
                    text +=
                        "\n"
                        + TextWrapper.wrap(unchanged, width: style.width, first: "", rest: "").map(style.yellow).joined(separator: "\n")
                }
                let hintsLeft = challenge.hints.count - (guide.progress.challenge?.hints ?? 0)
                var help: [String] = []
                if hintsLeft > 0 { help.append(Strings.hintsLeft(hintsLeft)) }
                help.append(
                    Strings.solutionShows(now: tries >= CheckCommand.triesBeforeSolution, tries: CheckCommand.triesBeforeSolution))
                text += "\n" + style.dim(help.joined(separator: Strings.helpSeparator.text) + Strings.fullStop.text)
            }
            context.say(text)
        }
        if !verdict.passed { throw ExitCode(1) }
    }
}
