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
                var schema = "zctour.list/1"
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
        let guide = context.guided ? try? context.guide() : nil
        context.say(
            LessonList.render(lessons: library.lessons, demos: Demo.all, style: style, guided: context.guided) { lesson in
                guard let guide, !guide.isFirstStart else { return "" }
                if guide.lesson.id == lesson.id { return style.yellow("  ← you are here") }
                return guide.progress.finished.contains(lesson.id) ? style.green("  \(style.check)") : ""
            })
    }
}
