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
    public static var printsJSON: Bool { false }

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        let style = context.style
        if let name {
            let (lesson, challenge) = try guide.challenge(named: name)
            guide.begin(challenge, of: lesson, in: context, restart: true)
            return
        }
        let current = guide.progress.challenge?.key
        let width = style.proseWidth
        var lines: [String] = []
        for (lesson, challenge) in guide.allChallenges {
            let key = challenge.key(in: lesson)
            let number = lesson.challenges.firstIndex(of: challenge).map { "\(lesson.number).\($0 + 1)" } ?? "\(lesson.number)"
            let state =
                guide.isDone(challenge, of: lesson)
                ? style.green("  \(style.check) " + Strings.challengeDoneMark.text)
                : key == current ? style.yellow("  ← " + Strings.challengeOnMark.text) : ""
            lines.append("  " + number.padding(toLength: 5, withPad: " ", startingAt: 0) + style.cyan(challenge.id) + state)
            lines += TextWrapper.wrap(MarkdownText.inline(challenge.goal, style: style), width: width, first: "       ", rest: "       ")
                .map(style.dim)
        }
        lines += TextWrapper.wrap(guide.tally + Strings.fullStop.text + Strings.startsAChallenge.text, width: width).map(style.dim)
        var text = lines.joined(separator: "\n")
        if let (_, challenge) = guide.currentChallenge {
            let goal = MarkdownText.inline(challenge.goal, style: style)
            let current = style.bold(Strings.currentChallenge(challenge.id)) + Strings.goalColon.text + goal
            text = TextWrapper.wrap(current, width: width, first: "", rest: "  ").joined(separator: "\n") + "\n\n" + text
        }
        context.say(text)
    }
}
