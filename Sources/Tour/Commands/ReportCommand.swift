import ArgumentParser
import Syscalls

/// `report -o FILE [--name NAME]`: the learner's progress report (`progress --json`) written to
/// a file to hand in, whole or not at all; `roster` merges the room's.
public struct ReportCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write what you have done, predicted and measured, for your instructor's roster.",
        discussion: """
            The file holds the lessons finished, the challenges done, your predictions with what was \
            measured, this machine's kernel, architecture and CPUs, and the titles of doctor's \
            warnings; no path, user or host name, and your name only with --name. It appears \
            whole or not at all.
            """)

    @Option(
        name: .customShort("o"), help: ArgumentHelp("The file to write (- for standard output).", valueName: "file"),
        completion: .file())
    var outputFile: String

    @Option(name: .long, help: ArgumentHelp("The name the instructor's roster shows.", valueName: "name"))
    var name: String?

    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        if context.json { throw UsageError("report always writes JSON; leave --json out (progress --json prints the same)") }
        let name = try ProgressReport.checkedName(name)
        let file = try ReportCommand.openOutput(outputFile, example: "report.json")
        defer { file?.discard() }
        let data = try ReportCommand.report(of: try context.guide(), name: name, in: context).encoded()
        let text = String(decoding: data, as: UTF8.self) + "\n"
        guard let file else {
            context.say(text, newline: false)
            return
        }
        do {
            try file.commit(text)
        } catch let error as SystemError {
            throw RuntimeFailure("cannot write \(file.path): \(error)")
        }
        context.say(context.style.dim("wrote \(file.path): hand it to your instructor, whose roster reads it"))
    }

    /// The file `-o` names, or nil for `-` (standard output): export's checks, with the advice
    /// that holds here (report needs `-o -` for standard output; roster takes it too).
    static func openOutput(_ path: String, example: String) throws -> AtomicFileWriter? {
        if path == "-" { return nil }
        return try ExportCommand.openOutput(path, example: example, standardOutput: "give -o - to print to standard output")
    }

    /// The report of this tour on this machine, with what doctor finds here now.
    static func report(of guide: GuidedTour, name: String?, in context: TourContext) -> ProgressReport {
        let runner = DemoRunner(procRoot: context.runner.procRoot)
        defer { runner.close() }
        let findings = Doctor(runner: runner, library: guide.library, style: context.style, noColorAsked: true).run()
        return ProgressReport(guide: guide, name: name, machine: .current(), doctor: findings)
    }
}
