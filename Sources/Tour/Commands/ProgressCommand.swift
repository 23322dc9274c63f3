import ArgumentParser

/// `progress`: challenges done of total and lessons finished, per lesson, and the predictions made.
public struct ProgressCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "progress", abstract: "Show challenges done and lessons finished, per lesson, and your predictions.",
        discussion: "With --json, the report an instructor's roster reads (as report -o FILE writes it).")
    @Option(
        name: .long,
        help: ArgumentHelp("With --json: the name an instructor's roster shows (nothing names you otherwise).", valueName: "name"))
    var name: String?

    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        let style = context.style
        let lessons = guide.library.lessons
        if context.json {
            try context.emitJSON(ReportCommand.report(of: guide, name: try ProgressReport.checkedName(name), in: context))
            return
        }
        if name != nil { throw UsageError("--name goes into the JSON report: progress --json --name NAME, or report -o FILE --name NAME") }
        var table = Table(columns: [
            Table.Column("#"), Table.Column(Strings.progressLesson.text, right: false),
            Table.Column(Strings.progressRead.text, right: false),
            Table.Column(Strings.progressChallenges.text, right: false), Table.Column("", right: false, dropOrder: 1),
        ])
        for lesson in lessons {
            let done = lesson.challenges.filter { guide.isDone($0, of: lesson) }
            let marks = lesson.challenges.map {
                guide.isDone($0, of: lesson) ? style.green(style.check + " " + $0.id) : style.dim("· " + $0.id)
            }
            let here = !guide.isFirstStart && guide.lesson.id == lesson.id
            table.add([
                String(lesson.number), lesson.id + (here ? style.yellow(" ←") : ""),
                guide.progress.finished.contains(lesson.id) ? style.green(style.check) : "",
                lesson.challenges.isEmpty
                    ? style.dim(Strings.progressNone.text) : Strings.progressCount(done.count, of: lesson.challenges.count),
                marks.joined(separator: "  "),
            ])
        }
        var text =
            style.bold(guide.tally.prefix(1).uppercased() + guide.tally.dropFirst())
            + style.dim(Strings.lessonsRead(guide.progress.finished.count, of: lessons.count)) + "\n"
            + table.render(style: style)
        let predictions = guide.progress.predictions
        if !predictions.isEmpty {
            text +=
                "\n\n" + style.bold(Strings.predictionsTitle.text) + "\n"
                + predictions.map { "  " + $0.question + "\n    " + LessonPlayer.verdict($0, style: style) }.joined(separator: "\n")
        }
        if let (lesson, challenge) = guide.currentChallenge, !guide.isDone(challenge, of: lesson) {
            text += "\n\n" + style.dim(Strings.onNow(challenge.id))
        }
        context.say(text)
    }
}
