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
            let text = Strings.solutionNotYet(CheckCommand.triesBeforeSolution - attempt.tries)
            context.say(
                TextWrapper.wrap(text, width: style.width, first: "", rest: "").joined(separator: "\n") + "\n"
                    + style.dim(challenge.hints.isEmpty ? "" : Strings.hintMeanwhile.text))
            return
        }
        context.say(
            style.bold(Strings.referenceSolution(of: challenge.id)) + "\n"
                + challenge.solution.map { "  " + style.cyan($0.text) }.joined(separator: "\n") + "\n"
                + style.dim(Strings.typeTheSolution.text))
    }
}
