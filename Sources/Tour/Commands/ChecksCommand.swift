import ArgumentParser

/// `checks`: every check of the section shown last, in full. The tour folds the checks that
/// held into one line (`✓ 10 claims held · checks lists them`); this is where they are.
public struct ChecksCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List every check of the section shown last, with what was measured.")

    @OptionGroup public var output: OutputOptions
    public init() {}

    struct Document: Encodable {
        let schema = JSONSchema.checks
        let lesson: String
        let section: Int
        let checks: [LessonPlayer.ClaimResult]
    }

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        guard let shown = guide.progress.checks, let lesson = guide.library.lessons.first(where: { $0.id == shown.lesson }) else {
            throw UsageError("no section has been shown yet; next shows one, and checks then lists its checks")
        }
        if context.json {
            try context.emitJSON(Document(lesson: lesson.id, section: shown.page + 1, checks: shown.results))
            return
        }
        let style = context.style
        let pages = lesson.pages
        let title = pages.indices.contains(shown.page) ? pages[shown.page].title ?? lesson.title : lesson.title
        let place = "lesson \(lesson.number), section \(shown.page + 1) of \(pages.count): \(title)"
        guard !shown.results.isEmpty else {
            context.say("No checks in \(place).")
            return
        }
        let player = LessonPlayer(lesson: lesson, total: guide.library.lastNumber)
        context.say(
            style.bold("Checks of \(place)") + "\n" + shown.results.map { player.rendered($0, style: style) }.joined(separator: "\n"))
    }
}
