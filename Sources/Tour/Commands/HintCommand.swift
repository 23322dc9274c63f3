import ArgumentParser

/// `hint`: the current challenge's hints, one more each time.
public struct HintCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "hint", abstract: "Give the next hint for the current challenge.")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        guard let attempt = guide.progress.challenge, let (_, challenge) = guide.currentChallenge else {
            throw UsageError("no challenge is on, so there is nothing to hint at; challenge lists them")
        }
        guard !challenge.hints.isEmpty else {
            context.say(
                Strings.noHints(
                    solutionNow: attempt.tries >= CheckCommand.triesBeforeSolution, tries: CheckCommand.triesBeforeSolution))
            return
        }
        let index = min(attempt.hints, challenge.hints.count - 1)
        if attempt.hints < challenge.hints.count { guide.updateAttempt(in: context) { $0.hints += 1 } }
        let style = context.style
        let label = Strings.hintLabel(index + 1, of: challenge.hints.count)
        // The label is the first line's indent and its width the next lines' (it was counted twice
        // there, and the hint wrapped 13 columns short at 60, leaving a word alone; review).
        let lines = TextWrapper.wrap(
            MarkdownText.inline(challenge.hints[index], style: style), width: style.proseWidth, first: style.bold(label),
            rest: String(repeating: " ", count: label.visibleWidth))
        var text = lines.joined(separator: "\n")
        if index == challenge.hints.count - 1 && attempt.hints >= challenge.hints.count {
            text += "\n" + style.dim(Strings.lastHint.text)
        }
        context.say(text)
    }
}
