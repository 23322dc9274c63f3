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

    @Option(name: .customLong("repeat"), parsing: .unconditional, help: "Runs per technique; the median run is shown.")
    var repeatCount: String?

    @OptionGroup public var output: OutputOptions

    public init() {}

    /// The buffer of the copying loops and the piece of the in-memory walks: Go's io.Copy default
    /// is 32 KiB, and 64 KiB sits past the knee on most machines (`sweep` shows where it is here).
    static let buffer = 64 << 10

    /// The techniques that move the file, for a sink, and Swift's Foundation alone for the same
    /// need: copyItem between files, FileHandle into a socket.
    static func fileDemos(for sink: SinkKind) -> [Demo] {
        [
            .readWrite, .readWriteAlloc, .mmap, .sendfile, .splice, sink == .file ? .copyFileRange : .msgZerocopy,
            sink == .file ? .foundationCopy : .fileHandle,
        ]
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
                    buffer: [.readWrite, .readWriteAlloc, .splice, .msgZerocopy, .fileHandle].contains(demo) ? ChooseCommand.buffer : nil,
                    sink: demo.options.contains(.to) ? sinkKind : nil, repeatCount: repeats, cold: false))
        }
        let walkSize = min(total, 64 << 20)
        for demo in [Demo.copy, .slice] {
            rows.append(
                try RunSettings(demo: demo, size: walkSize, buffer: ChooseCommand.buffer, sink: nil, repeatCount: repeats, cold: false))
        }
        try context.runner.checkResources(for: rows)
        var records: [RunRecord] = []
        let progress = ProgressLine.shared.begin("choose", steps: rows.count)
        defer { ProgressLine.shared.end(progress) }
        for (index, settings) in rows.enumerated() {
            ProgressLine.shared.advance(progress, to: index + 1, detail: settings.demo.id)
            let record = try context.runner.run(settings, warmUp: true)
            context.remember(record)
            records.append(record)
        }
        let limit = try context.runner.limit(size: total)
        let decisions = DecisionRow.table(records, limit: limit)
        if context.json {
            try context.emitJSON(JSONDocument.Choose(runs: records, limit: limit, decisions: decisions))
        } else {
            let files = records.filter { $0.sink != "memory" }
            context.say(CompareView.render(files, limit: limit, style: context.style, folded: context.foldedCharts))
            context.say("")
            context.say(DecisionRow.render(decisions, style: context.style))
        }
    }
}
