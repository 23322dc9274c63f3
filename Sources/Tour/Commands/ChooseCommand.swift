import ArgumentParser
import ZeroCopy

/// `zctour choose`: every technique on the same file and sink, then the decision table of
/// when to use which, each line filled with what this machine just measured.
public struct ChooseCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "choose",
        abstract: "Run every technique on one file and sink and print when to use which, with this machine's numbers.")

    @Option(name: .long, parsing: .unconditional, help: "Bytes to move (default 64M).", completion: .list(DemoOptions.commonSizes))
    var size: String?

    @Option(
        name: .customLong("to"), help: "The sink every technique writes to: file (default) or socket.",
        completion: .list(["file", "socket"]))
    var sink: String?

    @Option(
        name: .customLong("repeat"), parsing: .unconditional,
        help: "At least this many rounds (see --rounds); each row shows its median round.")
    var repeatCount: String?

    @OptionGroup var rounds: RoundOptions
    @OptionGroup public var output: OutputOptions

    public init() {}

    /// The buffer of the copying loops and the piece of the in-memory walks: Go's io.Copy default
    /// is 32 KiB, and 64 KiB sits past the knee on most machines (`sweep` shows where it is here).
    static let buffer = 64 << 10

    /// The techniques that move the file, for a sink, Swift's Foundation alone for the same need
    /// (copyItem between files, FileHandle into a socket), then the scenarios of that sink: into
    /// a socket, a download's two handlers; into a file, network → file's two ways.
    static func fileDemos(for sink: SinkKind) -> [Demo] {
        let scenarios: [Demo] = sink == .file ? [.recvLoop, .recvSplice] : [.httpLoop, .httpSendfile]
        return [
            .readWrite, .readWriteAlloc, .mmap, .mmapWindow, .sendfile, .splice, sink == .file ? .copyFileRange : .msgZerocopy,
            sink == .file ? .uringRead : .uringSendZc, sink == .file ? .foundationCopy : .fileHandle,
        ] + scenarios
    }

    public func execute(in context: TourContext) throws {
        // The shared option parser, so sizes and sinks are read and refused the same way everywhere.
        var arguments = ["--to", sink ?? "file"]
        if let size { arguments += ["--size", size] }
        if let repeatCount { arguments += ["--repeat", repeatCount] }
        var options: DemoOptions
        do { options = try DemoOptions.parse(arguments) } catch { throw UsageError(DemoOptions.message(for: error)) }
        options = options.merged(with: context.activeDefaults, for: [.readWrite])
        let sinkKind = try options.parsedSink() ?? .file
        guard sinkKind != .null else {
            throw UsageError("choose needs a sink that receives the bytes, file or socket: sendfile and splice to /dev/null move nothing")
        }
        let total = try options.parsedSize() ?? RunSettings.defaultSize
        let repeats = try options.parsedRepeat()
        var rows: [RunSettings] = []
        for demo in ChooseCommand.fileDemos(for: sinkKind) {
            rows.append(
                try RunSettings(
                    demo: demo, size: total,
                    buffer: [.readWrite, .readWriteAlloc, .splice, .msgZerocopy, .uringRead, .uringSendZc, .fileHandle].contains(demo)
                        ? ChooseCommand.buffer : nil,
                    sink: demo.options.contains(.to) ? sinkKind : nil, repeatCount: repeats, cold: false))
        }
        let walkSize = min(total, 64 << 20)
        for demo in [Demo.copy, .slice] {
            rows.append(
                try RunSettings(demo: demo, size: walkSize, buffer: ChooseCommand.buffer, sink: nil, repeatCount: repeats, cold: false))
        }
        // A technique this machine cannot run (io_uring refused, a send too big to pin) is left out; its line says why.
        let refusals = context.runner.refusals(among: rows)
        for refusal in refusals { context.remember(refusal) }
        let measured = rows.filter { row in !refusals.contains { $0.demo == row.demo.id } }
        let plan = try rounds.plan(atLeast: repeats)
        let comparison = try context.runner.measure(
            measured.map { ($0, $0.demo.id) }, limitSize: total, plan: plan, warmUp: true, progress: "choose")
        for record in comparison.records { context.remember(record) }
        let decisions = DecisionRow.table(comparison, refusals: refusals)
        if context.json {
            try context.emitJSON(
                JSONDocument.Choose(
                    runs: comparison.records, limit: comparison.limit?.shown, rounds: comparison.rounds,
                    ratios: JSONDocument.Ratios.all(comparison), decisions: decisions, refused: refusals))
        } else {
            // The table shows the file rows; the walks in memory have their line in the decisions.
            let files = Comparison(
                rows: comparison.rows.filter { $0.shown.sink != "memory" }, limit: comparison.limit, rounds: comparison.rounds)
            context.say(CompareView.render(files, style: context.style, folded: context.foldedCharts))
            context.say("")
            context.say(DecisionRow.render(decisions, style: context.style))
        }
    }
}
