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
            struct Entry: Encodable {
                let number: Int
                let id: String
                let title: String
                let demos: [String]
            }
            struct DemoEntry: Encodable {
                let id: String
                let summary: String
                let options: [String]
            }
            struct Document: Encodable {
                let lessons: [Entry]
                let demos: [DemoEntry]
            }
            try context.emitJSON(
                Document(
                    lessons: library.lessons.map { Entry(number: $0.number, id: $0.id, title: $0.title, demos: $0.demos) },
                    demos: Demo.all.map { demo in
                        DemoEntry(
                            id: demo.id, summary: demo.summary,
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
                if guide.lesson.id == lesson.id {
                    title += style.yellow("  ← you are here")
                } else if guide.progress.finished.contains(lesson.id) {
                    title += style.green("  \(style.check)")
                }
            }
            lessons.add([String(lesson.number), style.cyan(lesson.id), title])
        }
        var demos = Table(columns: [Table.Column("demo", right: false), Table.Column("what it does", right: false, dropOrder: 1)])
        for demo in Demo.all { demos.add([style.cyan(demo.id), demo.summary]) }
        context.say(
            style.bold("Lessons") + "\n" + lessons.render(style: style) + "\n\n" + style.bold("Demos") + "\n"
                + demos.render(style: style) + "\n\n"
                + style.dim(
                    context.guided
                        ? "lesson N opens a lesson; run DEMO tries a demo; help lists the commands."
                        : "zctour starts the tour; zctour lesson 1 prints a lesson; zctour run read-write --buffer 4K tries a demo."))
    }
}
