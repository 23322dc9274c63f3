import ArgumentParser
import ZeroCopy

/// `zctour lesson N|ID`: prints the lesson and runs its demos, without a prompt.
public struct LessonCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open a lesson: at the prompt section by section, on the command line all at once.")

    @Argument(help: "The lesson's number or id (zctour list shows them).")
    var name: String

    @Flag(name: .long, help: "Presenter mode: pause before each section until Enter (q stops). Needs a terminal.")
    var step = false

    // Unconditional, so `--from -1` reaches the section check instead of reading as an option.
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Start at this section: its number (1 is the first) or the start of its heading (case does not matter).",
            valueName: "section"))
    var from: String?

    @Flag(name: .long, help: "Show every check in full and every chart, instead of folding the checks that held.")
    var verbose = false

    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        if context.guided {
            if step { throw UsageError("--step is for the command line; at the prompt the tour already shows a section at a time (next)") }
            if verbose { throw UsageError("--verbose is for the command line; at the prompt, checks lists every check of the section") }
            try context.guide().open(name, from: from, in: context)
            return
        }
        if step && context.json { throw UsageError("--step pauses for a person; --json prints one document, so use one or the other") }
        let library = try context.library()
        let lesson = try library.lesson(name)
        var player = LessonPlayer(lesson: lesson, total: library.lastNumber)
        player.verbose = verbose
        if let from { player.firstSection = try library.section(from, of: lesson) }
        if step {
            let presenter = try Presenter(style: context.style)
            let pager = Pager(presenter: presenter)
            player.beforeSection = { title, number, count in
                defer { pager?.reset() }
                return try presenter.pause(before: title, section: number, of: count)
            }
            player.beforeAnswer = {
                defer { pager?.reset() }
                return try presenter.pauseBeforeAnswer()
            }
            if let pager {
                context.target = .capture { pager.write($0) }
                player.stopRequested = { pager.takeStop() }
            }
        }
        let results = try player.play(in: context)
        let broken = results.filter { $0.outcome == "failed" || $0.outcome == "invalid" }
        if !broken.isEmpty {
            throw RuntimeFailure(
                "\(broken.count) of \(results.count) checks in lesson \(lesson.number) did not hold: "
                    + broken.map { "line \($0.line): expect \($0.expect)" }.joined(separator: "; "))
        }
    }
}
