import ArgumentParser
import ZeroCopy

/// The options every demo command shares (`run`, `compare`, and the lessons' commands).
/// Values are read as text and checked here, so every mistake gets one line that says
/// what would be right.
public struct DemoOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional, help: "Bytes to move: 4K, 64M, 1G (default 64M).",
        completion: .list(DemoOptions.commonSizes))
    var size: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Buffer, chunk or piece size (default: the demo's own, 64K for the read/write loops, the whole file in one "
                + "call for sendfile); compare takes a list, e.g. 4K,64K,1M, and sweep a list or a doubling range (its default: 512..4M)."),
        completion: .list(DemoOptions.commonBuffers))
    var buffer: String?

    @Option(
        name: .customLong("to"),
        help: ArgumentHelp(
            "Where the bytes go: null, file or socket (default: the demo's own, /dev/null for most; compare and choose "
                + "pick one that suits every row)."),
        completion: .list(SinkKind.allCases.map(\.rawValue)))
    var sink: String?

    @Option(
        name: .customLong("repeat"), parsing: .unconditional,
        help: "Runs to make; the median run is shown (compare, sweep, choose: at least this many rounds).",
        completion: .list(["1", "3", "5", "10"]))
    var repeatCount: String?

    @Flag(name: .long, help: "Drop the file's pages from the page cache first (posix_fadvise DONTNEED).")
    var cold = false

    @Flag(name: .long, help: "Read the file with O_DIRECT, past the page cache (the buffer must be block-aligned).")
    var direct = false

    @Option(
        name: .long, parsing: .unconditional, help: "io_uring demos: chunks in flight per io_uring_enter (default 8).",
        completion: .list(["1", "8", "64"]))
    var queue: String?

    @Option(name: .long, help: "Run the demo on your own file instead of a sample: only ever read, never written.", completion: .file())
    var file: String?

    @Flag(name: .customLong("cold-anyway"), help: "--cold on a --file you cannot write to: drop its cached pages all the same.")
    var coldAnyway = false

    public init() {}

    static let commonSizes = ["1M", "4M", "16M", "64M", "256M", "1G"]
    static let commonBuffers = ["512", "4K", "16K", "64K", "256K", "1M"]

    /// These options with the session's defaults filled in where none was given and one of
    /// the demos takes the option (a default buffer does not make `run mmap` an error).
    func merged(with defaults: SessionDefaults, for demos: [Demo]) -> DemoOptions {
        func taken(_ option: Demo.Option) -> Bool { demos.contains { $0.options.contains(option) } }
        var merged = self
        // The size of a --file run is the file's.
        if taken(.size) && file == nil { merged.size = size ?? defaults.size }
        if taken(.buffer) { merged.buffer = buffer ?? defaults.buffer }
        if taken(.to) { merged.sink = sink ?? defaults.sink }
        merged.repeatCount = repeatCount ?? defaults.repeatCount
        return merged
    }

    static func demo(named name: String) throws(UsageError) -> Demo {
        guard let demo = Demo.named(name.lowercased()) else {
            let known = Demo.all.map(\.id).joined(separator: ", ")
            throw UsageError("unknown demo '\(name)'; the demos are \(known)")
        }
        return demo
    }

    func parsedSize() throws(UsageError) -> Int? {
        guard let size else { return nil }
        do { return try ByteSize.parse(size) } catch { throw UsageError("--size: \(error)") }
    }

    func parsedBuffers() throws(UsageError) -> [Int]? {
        guard let buffer else { return nil }
        var values: [Int] = []
        for part in buffer.split(separator: ",", omittingEmptySubsequences: false) {
            do { values.append(try ByteSize.parse(String(part))) } catch { throw UsageError("--buffer: \(error)") }
        }
        return values
    }

    func parsedSink() throws(UsageError) -> SinkKind? {
        guard let sink else { return nil }
        guard let kind = SinkKind(rawValue: sink.lowercased()) else {
            throw UsageError("unknown sink '\(sink)' for --to; use null, file or socket")
        }
        return kind
    }

    func parsedQueue() throws(UsageError) -> Int? {
        guard let queue else { return nil }
        guard let value = Int(queue) else {
            throw UsageError("--queue '\(queue)' is not a whole number; use 1 to \(RunSettings.maximumQueue)")
        }
        return value
    }

    /// The learner's file, examined (a regular file this user may read) but not yet read.
    func parsedFile() throws(UsageError) -> LearnerFile? {
        guard let file else { return nil }
        do { return try LearnerFile.examine(file) } catch { throw UsageError(error.description) }
    }

    /// A lesson shows and measures; it never reads the learner's files.
    func refuseLearnerFiles(in context: TourContext) throws(UsageError) {
        if file != nil && context.scope == .lesson {
            throw UsageError("a lesson may not read your files: --file is for the prompt and the command line")
        }
    }

    func parsedRepeat() throws(UsageError) -> Int? {
        guard let repeatCount else { return nil }
        guard let value = Int(repeatCount) else {
            throw UsageError("--repeat '\(repeatCount)' is not a whole number; use 1 to \(RunSettings.maximumRepeat)")
        }
        return value
    }

    /// The settings for one demo; an option it does not take is an error.
    func settings(for demo: Demo) throws(UsageError) -> RunSettings {
        let buffers = try parsedBuffers()
        if let buffers, buffers.count > 1 {
            throw UsageError("--buffer takes one size with run; compare takes a list (compare \(demo.id) --buffer \(buffer ?? ""))")
        }
        return try RunSettings(
            demo: demo, size: try parsedSize(), buffer: buffers?.first, sink: try parsedSink(),
            repeatCount: try parsedRepeat(), cold: cold || coldAnyway, direct: direct, queue: try parsedQueue(), file: try parsedFile(),
            coldConfirmed: coldAnyway)
    }

    /// The rows of a comparison: each demo at each buffer size. An option is applied to the
    /// demos that take it and must be taken by at least one; the notes say where it did not apply.
    func comparison(of demos: [Demo]) throws(UsageError) -> (rows: [(RunSettings, String)], notes: [String]) {
        let buffers = try parsedBuffers() ?? []
        let size = try parsedSize()
        // One sink for every row, or the rows would not be comparable: the one asked for, else
        // a socket when a demo is meant for one (sendfile to /dev/null moves nothing), else null.
        let asked = try parsedSink()
        // Demos that only ever write to one kind of sink decide it for every row.
        let fixed = Dictionary(
            grouping: demos.filter { $0.movesFile && !$0.options.contains(.to) }, by: { $0.defaultSink ?? .null })
        if fixed.count > 1 {
            let sides = fixed.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\(uniqued($0.value.map(\.id)).joined(separator: ", ")) writes only to a \($0.key.rawValue)" }
            throw UsageError(
                "compare runs every row into one sink, but " + sides.joined(separator: " and ")
                    + "; compare them in separate commands")
        }
        if let (kind, takers) = fixed.first, let asked, asked != kind {
            throw UsageError(
                "--to \(asked.rawValue): \(takers[0].id) writes only to a \(kind.rawValue), so every row goes there; "
                    + "use --to \(kind.rawValue) or leave --to out")
        }
        let sink = asked ?? fixed.first?.key ?? (demos.contains { $0.movesFile && $0.defaultSink == .socket } ? SinkKind.socket : nil)
        if asked == nil, let sink, let refusing = demos.first(where: { $0.reason(refusing: sink) != nil }) {
            let chooser = demos.first { $0.movesFile && $0.defaultSink == sink }?.id ?? "a row"
            throw UsageError(
                "compare runs every row into one sink, a \(sink.rawValue) here (\(chooser) is meant for one), but \(refusing.id) "
                    + "does not write to one: \(refusing.reason(refusing: sink) ?? ""); choose the sink with --to")
        }
        let repeatCount = try parsedRepeat()
        var notes: [String] = []
        func applies(_ option: Demo.Option, _ spelled: String, given: Bool) throws(UsageError) -> Set<Demo> {
            let takers = Set(demos.filter { $0.options.contains(option) })
            guard given else { return takers }
            if takers.isEmpty {
                throw UsageError("option \(spelled) applies to none of \(demos.map(\.id).joined(separator: ", "))")
            }
            if takers.count < Set(demos).count {
                let names = demos.filter { takers.contains($0) }.map(\.id)
                notes.append("\(spelled) applies to \(uniqued(names).joined(separator: ", ")) only")
            }
            return takers
        }
        let sizeTakers = try applies(.size, "--size", given: size != nil)
        let bufferTakers = try applies(.buffer, "--buffer", given: !buffers.isEmpty)
        let sinkTakers = try applies(.to, "--to", given: asked != nil && fixed.isEmpty)
            .union(demos.filter { sink != nil && $0.movesFile && $0.defaultSink == sink })
        if sink != nil && asked == nil && !fixed.isEmpty && demos.contains(where: { $0.options.contains(.to) }) {
            notes.append("every row writes to a \(sink?.rawValue ?? ""), the only sink \(fixed.values.flatMap { $0 }[0].id) takes")
        }
        let cold = cold || coldAnyway
        let coldTakers = try applies(.cold, "--cold", given: cold)
        let directTakers = try applies(.direct, "--direct", given: direct)
        let queue = try parsedQueue()
        let queueTakers = try applies(.queue, "--queue", given: queue != nil)
        let file = try parsedFile()
        if file != nil {
            let readers = demos.filter(\.readsLearnerFile)
            if readers.isEmpty {
                throw UsageError("option --file applies to none of \(demos.map(\.id).joined(separator: ", ")): they work in memory")
            }
            if readers.count < demos.count { notes.append("--file applies to \(uniqued(readers.map(\.id)).joined(separator: ", ")) only") }
        }
        let showBuffer = buffers.count > 1
        var rows: [(RunSettings, String)] = []
        for demo in demos {
            let choices: [Int?] = bufferTakers.contains(demo) && !buffers.isEmpty ? buffers : [nil]
            for choice in choices {
                let settings = try RunSettings(
                    demo: demo, size: sizeTakers.contains(demo) ? size : nil, buffer: choice,
                    sink: sinkTakers.contains(demo) ? sink : nil, repeatCount: repeatCount,
                    cold: coldTakers.contains(demo) && cold, direct: directTakers.contains(demo) && direct,
                    queue: queueTakers.contains(demo) ? queue : nil, file: demo.readsLearnerFile ? file : nil, coldConfirmed: coldAnyway)
                rows.append((settings, settings.label(showingBuffer: showBuffer && choice != nil)))
            }
        }
        return (rows, notes)
    }
}

/// The names in their first order, once each.
func uniqued(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
}
