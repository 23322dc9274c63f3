import ArgumentParser

/// `solution`: the reference solution, once the goal is reached or after a few tries.
public struct SolutionCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "solution",
        abstract: "Show the reference solution of the current challenge (after success or \(CheckCommand.triesBeforeSolution) tries).")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        guard let attempt = guide.progress.challenge, let (lesson, challenge) = guide.currentChallenge else {
            throw UsageError("no challenge is on; challenge lists them")
        }
        let style = context.style
        guard guide.isDone(challenge, of: lesson) || attempt.tries >= CheckCommand.triesBeforeSolution else {
            let left = CheckCommand.triesBeforeSolution - attempt.tries
            let checks = left == 1 ? "1 more check that misses it" : "\(left) more checks that miss it"
            let text =
                "Not yet: the reference solution shows once you reach the goal, or after \(checks) "
                + "(a check counts when you ran something since the last one)."
            context.say(
                TextWrapper.wrap(text, width: style.width, first: "", rest: "").joined(separator: "\n") + "\n"
                    + style.dim(challenge.hints.isEmpty ? "" : "hint gives a hint meanwhile."))
            return
        }
        context.say(
            style.bold("The reference solution of \(challenge.id):") + "\n"
                + challenge.solution.map { "  " + style.cyan($0.text) }.joined(separator: "\n") + "\n"
                + style.dim("Type it, then check: your own runs count, not the reference's."))
    }
}
