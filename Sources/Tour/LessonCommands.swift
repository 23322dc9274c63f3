import ArgumentParser
import ZeroCopy

/// `zctour list`: the lessons and the demos.
public struct ListCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the lessons and the demos.", aliases: ["lessons"])

    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        let library = try context.library()
        if context.json {
            struct Entry: Encodable { let number: Int; let id: String; let title: String; let demos: [String] }
            struct DemoEntry: Encodable { let id: String; let summary: String; let options: [String] }
            struct Document: Encodable { let lessons: [Entry]; let demos: [DemoEntry] }
            try context.emitJSON(Document(
                lessons: library.lessons.map { Entry(number: $0.number, id: $0.id, title: $0.title, demos: $0.demos) },
                demos: Demo.allCases.map { demo in
                    DemoEntry(id: demo.rawValue, summary: demo.summary,
                              options: Demo.Option.allCases.filter { demo.options.contains($0) }.map { "--\($0.rawValue)" })
                }))
            return
        }
        let style = context.style
        var lessons = Table(columns: [Table.Column("#"), Table.Column("id", right: false), Table.Column("title", right: false)])
        let guide = context.guided ? try? context.guide() : nil
        for lesson in library.lessons {
            var title = lesson.title
            if let guide, !guide.isFirstStart {
                if guide.lesson.id == lesson.id { title += style.yellow("  ← you are here") }
                else if guide.progress.finished.contains(lesson.id) { title += style.green("  \(style.check)") }
            }
            lessons.add([String(lesson.number), style.cyan(lesson.id), title])
        }
        var demos = Table(columns: [Table.Column("demo", right: false), Table.Column("what it does", right: false, dropOrder: 1)])
        for demo in Demo.allCases { demos.add([style.cyan(demo.rawValue), demo.summary]) }
        context.say(style.bold("Lessons") + "\n" + lessons.render(style: style) + "\n\n" + style.bold("Demos") + "\n"
            + demos.render(style: style) + "\n\n"
            + style.dim(context.guided ? "lesson N opens a lesson; run DEMO tries a demo; help lists the commands."
                        : "zctour starts the tour; zctour lesson 1 prints a lesson; zctour run read-write --buffer 4K tries a demo."))
    }
}

/// `zctour lesson N|ID`: prints the lesson and runs its demos, without a prompt.
public struct LessonCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open a lesson: at the prompt section by section, on the command line all at once.")

    @Argument(help: "The lesson's number or id (zctour list shows them).")
    var name: String

    @Flag(name: .long, help: "Presenter mode: pause before each section until Enter (q stops). Needs a terminal.")
    var step = false

    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        if context.guided {
            if step { throw UsageError("--step is for the command line; at the prompt the tour already shows a section at a time (next)") }
            try context.guide().open(name, in: context)
            return
        }
        if step && context.json { throw UsageError("--step pauses for a person; --json prints one document, so use one or the other") }
        let library = try context.library()
        let lesson = try library.lesson(name)
        var player = LessonPlayer(lesson: lesson, total: library.lessons.count)
        if step {
            let presenter = try Presenter(style: context.style)
            player.beforeSection = { title, number, count in try presenter.pause(before: title, section: number, of: count) }
        }
        let results = try player.play(in: context)
        let broken = results.filter { $0.outcome == "failed" || $0.outcome == "invalid" }
        if !broken.isEmpty {
            throw RuntimeFailure("\(broken.count) of \(results.count) checks in lesson \(lesson.number) did not hold: "
                + broken.map { "line \($0.line): expect \($0.expect)" }.joined(separator: "; "))
        }
    }
}
