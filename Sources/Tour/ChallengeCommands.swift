import ArgumentParser

/// `challenge [ID]`: the challenge being worked on, or start another one.
public struct ChallengeCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "challenge",
        abstract: "Show the current challenge, or start one: challenge few-reads, challenge 1.2.",
        discussion: "Each lesson ends with challenges that the kernel's counters check. Your runs from the start count.")

    @Argument(help: "A challenge's id (or LESSON.N); without it, the current one and the list.")
    var name: String?

    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        let style = context.style
        if let name {
            let (lesson, challenge) = try guide.challenge(named: name)
            guide.begin(challenge, of: lesson, in: context, restart: true)
            return
        }
        let current = guide.progress.challenge?.key
        let width = min(style.width, 100)
        var lines: [String] = []
        for (lesson, challenge) in guide.allChallenges {
            let key = challenge.key(in: lesson)
            let number = lesson.challenges.firstIndex(of: challenge).map { "\(lesson.number).\($0 + 1)" } ?? "\(lesson.number)"
            let state = guide.isDone(challenge, of: lesson) ? style.green("  \(style.check) done")
                : key == current ? style.yellow("  ← on") : ""
            lines.append("  " + number.padding(toLength: 5, withPad: " ", startingAt: 0) + style.cyan(challenge.id) + state)
            lines += MarkdownText.wrap(MarkdownText.inline(challenge.goal, style: style), width: width, first: "       ", rest: "       ").map(style.dim)
        }
        var text = lines.joined(separator: "\n") + "\n" + style.dim(guide.tally + ". challenge ID (or N.M) starts one.")
        if let (_, challenge) = guide.currentChallenge {
            text = style.bold("Current: \(challenge.id)") + ": " + MarkdownText.inline(challenge.goal, style: style) + "\n\n" + text
        }
        context.say(text)
    }
}

/// `check`: measures the runs made since the current challenge began against its goal.
public struct CheckCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the current challenge against your runs since it began (exit status 1 if not reached).")

    @OptionGroup public var output: OutputOptions
    public init() {}

    static let triesBeforeSolution = 3

    struct Document: Encodable {
        let schema = "zctour.check/1"
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
        if verdict.passed {
            guide.markDone(challenge, of: lesson, in: context)
            guide.updateAttempt(in: context) { $0.tries += 1 }
        } else if !attempt.runs.isEmpty {
            guide.updateAttempt(in: context) { $0.tries += 1 }
        }
        let tries = guide.progress.challenge?.tries ?? attempt.tries
        if context.json {
            try context.emitJSON(Document(challenge: challenge.key(in: lesson), passed: verdict.passed, tries: tries, runs: attempt.runs.count,
                                          checks: verdict.lines, solution: verdict.passed ? challenge.solution.map(\.text) : nil))
        } else if verdict.passed {
            var text = style.green("\(style.check) Challenge \(challenge.id) reached") + " " + style.dim("(your runs since it began: \(attempt.runs.count))")
            text += "\n" + verdict.render(style: style).joined(separator: "\n")
            text += "\n" + style.bold("The reference solution:") + "\n" + challenge.solution.map { "  " + style.cyan($0.text) }.joined(separator: "\n")
            text += "\n" + guide.tally + "."
            context.say(text)
            if let next = lesson.challenges.first(where: { !guide.isDone($0, of: lesson) }) {
                guide.begin(next, of: lesson, in: context)
            } else {
                guide.updateAttempt(in: context) { _ in }
                context.say(style.dim("Every challenge of lesson \(lesson.number) is done; next goes on."))
            }
        } else {
            var text: String
            if attempt.runs.isEmpty {
                text = style.yellow("Nothing run yet for \(challenge.id): ") + MarkdownText.inline(challenge.goal, style: style)
                    + "\n" + style.dim("Try run or compare, then check again.")
            } else {
                text = style.red("\(style.cross) Not yet: \(challenge.id)") + " " + style.dim("(\(attempt.runs.count) run\(attempt.runs.count == 1 ? "" : "s") since it began, try \(tries))")
                text += "\n" + verdict.render(style: style).joined(separator: "\n")
                let hintsLeft = challenge.hints.count - (guide.progress.challenge?.hints ?? 0)
                var help: [String] = []
                if hintsLeft > 0 { help.append("hint gives a hint (\(hintsLeft) left)") }
                help.append(tries >= CheckCommand.triesBeforeSolution ? "solution shows the reference solution"
                            : "solution shows after \(CheckCommand.triesBeforeSolution) tries")
                text += "\n" + style.dim(help.joined(separator: "; ") + ".")
            }
            context.say(text)
        }
        if !verdict.passed { throw ExitCode(1) }
    }
}

/// `hint`: the current challenge's hints, one more each time.
public struct HintCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "hint", abstract: "Give the next hint for the current challenge.")
    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        guard let attempt = guide.progress.challenge, let (_, challenge) = guide.currentChallenge else {
            throw UsageError("no challenge is on, so there is nothing to hint at; challenge lists them")
        }
        guard !challenge.hints.isEmpty else {
            context.say("This challenge has no hints. " + (attempt.tries >= CheckCommand.triesBeforeSolution
                ? "solution shows the reference solution." : "After \(CheckCommand.triesBeforeSolution) tries, solution shows the reference solution."))
            return
        }
        let index = min(attempt.hints, challenge.hints.count - 1)
        if attempt.hints < challenge.hints.count { guide.updateAttempt(in: context) { $0.hints += 1 } }
        let style = context.style
        let label = "Hint \(index + 1) of \(challenge.hints.count): "
        let width = min(style.width, 100)
        let lines = MarkdownText.wrap(MarkdownText.inline(challenge.hints[index], style: style), width: width - label.count, first: "", rest: String(repeating: " ", count: label.count))
        var text = style.bold(label) + lines.joined(separator: "\n")
        if index == challenge.hints.count - 1 && attempt.hints >= challenge.hints.count {
            text += "\n" + style.dim("That was the last hint.")
        }
        context.say(text)
    }
}

/// `solution`: the reference solution, once the goal is reached or after a few tries.
public struct SolutionCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "solution", abstract: "Show the reference solution of the current challenge (after success or \(CheckCommand.triesBeforeSolution) tries).")
    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        guard let attempt = guide.progress.challenge, let (lesson, challenge) = guide.currentChallenge else {
            throw UsageError("no challenge is on; challenge lists them")
        }
        let style = context.style
        guard guide.isDone(challenge, of: lesson) || attempt.tries >= CheckCommand.triesBeforeSolution else {
            let left = CheckCommand.triesBeforeSolution - attempt.tries
            context.say("Not yet: the reference solution shows once you reach the goal, or after \(left) more check\(left == 1 ? "" : "s") that miss it.\n"
                + style.dim(challenge.hints.isEmpty ? "" : "hint gives a hint meanwhile."))
            return
        }
        context.say(style.bold("The reference solution of \(challenge.id):") + "\n"
            + challenge.solution.map { "  " + style.cyan($0.text) }.joined(separator: "\n") + "\n"
            + style.dim("Type it, then check: your own runs count, not the reference's."))
    }
}

/// `predict N`: a guess for the tour's next prediction, for when nobody can be asked (a
/// script, a pipe, `zctour predict 257 && zctour next`).
public struct PredictCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Give your guess for the next prediction the tour asks (predict 257, predict 16M).")

    @Argument(help: "A whole number (size suffixes allowed); without it, the guess is cleared.")
    var guess: String?

    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        var value: Int?
        if let guess {
            do { value = try ByteSize.parse(guess.filter { $0 != "," && $0 != "_" }) } catch {
                throw UsageError("predict takes a whole number such as 257 or 16M, not '\(guess)'")
            }
        }
        context.pendingGuess = value
        try context.guide().setGuess(value, in: context)
        context.say(value.map { "Your guess \(Number.count($0)) goes to the next prediction." } ?? "Guess cleared.")
    }
}
