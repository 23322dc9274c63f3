/// A challenge on the screen, wrapped by display width like all the tour's text: as a lesson
/// shows it, and as it begins.
public enum ChallengeView {
    /// Its id, whether it is done, and its goal; off the prompt (`zctour lesson N`), how to take
    /// it up there.
    public static func goal(_ challenge: Challenge, done: Bool, atPrompt: Bool, style: Style) -> String {
        let mark = done ? style.green(" \(style.check) " + Strings.challengeDoneMark.text) : ""
        var lines = [style.bold(Strings.challengeTitle(challenge.id)) + mark]
        lines += TextWrapper.wrap(MarkdownText.inline(challenge.goal, style: style), width: style.proseWidth, first: "  ", rest: "  ")
        if !atPrompt {
            lines += TextWrapper.wrap(
                Strings.challengeAtThePrompt(challenge.id), width: style.proseWidth,
                first: "  ", rest: "   "
            ).map(style.dim)
        }
        return lines.joined(separator: "\n")
    }

    /// The challenge that begins now, and that the learner's runs count from here.
    public static func begun(_ challenge: Challenge, style: Style) -> String {
        let goal = TextWrapper.wrap(
            Strings.challengeOn(style.bold, id: challenge.id, goal: MarkdownText.inline(challenge.goal, style: style)),
            width: style.proseWidth, rest: "  ")
        let next = TextWrapper.wrap(
            Strings.challengeRuns.text, width: style.proseWidth
        ).map(style.dim)
        return (goal + next).joined(separator: "\n")
    }
}
