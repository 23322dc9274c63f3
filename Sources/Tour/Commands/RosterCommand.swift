import ArgumentParser
import Syscalls

/// `roster FILE...`: the room's progress reports (`report -o FILE`) merged into one table of
/// learners × challenges, the predictions against the measurements and the machines whose
/// doctor warned; as text, `--json`, or a self-contained HTML page (`--html -o FILE`).
public struct RosterCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Merge learners' progress reports: challenges done, predictions against measurements, doctor's warnings.",
        discussion: """
            Each FILE is what a learner's zctour report -o FILE wrote. A file that is not one (not \
            JSON, another schema, a newer version, empty) gets one line on standard error and is \
            skipped. Exit status 0 if at least one report was read, 2 if none.
            """)

    @Argument(help: "Progress reports (zctour report -o FILE).", completion: .file())
    var files: [String] = []

    @Flag(name: .long, help: "One self-contained HTML page, like the handouts.")
    var html = false

    @Option(
        name: .customShort("o"), help: ArgumentHelp("With --html: write the page to this file.", valueName: "file"),
        completion: .file())
    var outputFile: String?

    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        if html && context.json { throw UsageError("--html and --json are two formats of the roster; choose one") }
        if outputFile != nil && !html { throw UsageError("-o goes with --html: roster FILE... --html -o roster.html") }
        guard !files.isEmpty else {
            throw UsageError("roster needs the learners' reports: roster FILE... (each from zctour report -o FILE)")
        }
        let file = try outputFile.flatMap { $0 == "-" ? nil : try ExportCommand.openOutput($0, example: "roster.html") }
        defer { file?.discard() }
        var reports: [(file: String, report: ProgressReport)] = []
        var skipped: [Roster.Skipped] = []
        for path in files {
            switch Roster.read(path) {
            case .success(let report): reports.append((path, report))
            case .failure(let skip):
                skipped.append(skip)
                StandardError.line(context.style.yellow("zctour: roster: skipped \(path): \(skip.reason)"))
            }
        }
        guard !reports.isEmpty else {
            throw UsageError(
                "roster: none of the \(files.count) file\(files.count == 1 ? "" : "s") is a progress report (zctour report -o FILE writes one)"
            )
        }
        let roster = Roster(reports: reports, skipped: skipped)
        if context.json {
            try context.emitJSON(roster)
        } else if html {
            let page = try roster.html(date: Machine.current().date)
            guard let file else {
                context.say(page, newline: false)
                return
            }
            do {
                try file.commit(page)
            } catch let error as SystemError {
                throw RuntimeFailure("cannot write \(file.path): \(error)")
            }
            context.say(context.style.dim("wrote \(file.path): \(reports.count) learner\(reports.count == 1 ? "" : "s")"))
        } else {
            context.say(roster.text(style: context.style))
        }
    }
}
