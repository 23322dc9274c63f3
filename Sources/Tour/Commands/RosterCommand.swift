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
            JSON, another schema, a newer version, empty, a value no report holds, a copy of a file \
            already read) gets one line on standard error and is skipped. Exit status 0 if at least one report was read, 2 if none.
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
        let file = try outputFile.flatMap { try ReportCommand.openOutput($0, example: "roster.html") }
        defer { file?.discard() }
        var reports: [(file: String, report: ProgressReport)] = []
        var skipped: [Roster.Skipped] = []
        func skip(_ path: String, _ reason: String) {
            skipped.append(Roster.Skipped(file: path, reason: reason))
            StandardError.line(context.style.yellow("zctour: roster: skipped \(Roster.shown(path)): \(reason)"))
        }
        for path in files {
            switch Roster.read(path) {
            case .success(let report):
                // The same file named twice, or a copy of it, is one learner, not two.
                if let original = reports.first(where: { $0.report == report }) {
                    skip(
                        path,
                        original.file == path
                            ? "named twice; it is read once" : "the same report as \(Roster.shown(original.file)), which is read once")
                } else {
                    reports.append((path, report))
                }
            case .failure(let refused): skip(path, refused.reason)
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
