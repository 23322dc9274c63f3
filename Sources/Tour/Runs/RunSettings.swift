import ZeroCopy

/// One demo run as the user asked for it, after defaults: what `run`, `compare` and the
/// lessons' commands all turn into.
public struct RunSettings: Sendable, Equatable {
    public var demo: Demo
    public var size: Int
    public var buffer: Int
    public var sink: SinkKind
    public var repeatCount: Int
    public var cold: Bool
    public var direct: Bool = false
    /// The io_uring demos' operations in flight per io_uring_enter (1 for the other demos).
    public var queue: Int = 1
    /// The --queue asked for, when it was more than the run's chunks and `queue` was lowered to them.
    public var queueAsked: Int? = nil
    /// The learner's own file (`--file`), read instead of a sample zctour writes; its size is the run's.
    public var file: LearnerFile? = nil
    /// `--cold-anyway`: the learner confirmed dropping the cached pages of a file they cannot write to.
    public var coldConfirmed: Bool = false

    public static let defaultSize = 64 << 20
    public static let maximumBuffer = 1 << 30
    public static let maximumRepeat = 1000
    /// The deepest `--queue`: a wave of linked operations needs twice as many SQEs, and the
    /// kernel allows 32,768 (IORING_MAX_ENTRIES); 4,096 chunks in flight is far past any gain.
    public static let maximumQueue = 4096

    /// Applies defaults and rejects options the demo does not take, with the reason.
    public init(
        demo: Demo, size: Int?, buffer: Int?, sink: SinkKind?, repeatCount: Int?, cold: Bool,
        direct: Bool = false, queue: Int? = nil, file: LearnerFile? = nil, coldConfirmed: Bool = false
    ) throws(UsageError) {
        func reject(_ option: Demo.Option, _ spelled: String) throws(UsageError) {
            throw UsageError("option \(spelled) does not apply to demo '\(demo.id)': \(demo.reason(without: option))")
        }
        if size != nil && !demo.options.contains(.size) { try reject(.size, "--size") }
        if buffer != nil && !demo.options.contains(.buffer) { try reject(.buffer, "--buffer") }
        // --to naming the one sink a demo always uses (copy-file-range's file) is not a mistake.
        if let sink, !demo.options.contains(.to), !(demo.usesSample && sink == demo.defaultSink) { try reject(.to, "--to") }
        if cold && !demo.options.contains(.cold) { try reject(.cold, "--cold") }
        if direct && !demo.options.contains(.direct) { try reject(.direct, "--direct") }
        if queue != nil && !demo.options.contains(.queue) { try reject(.queue, "--queue") }
        if let sink, let reason = demo.reason(refusing: sink) {
            throw UsageError("--to \(sink.rawValue) does not apply to demo '\(demo.id)': \(reason)")
        }
        if let queue, queue < 1 || queue > RunSettings.maximumQueue {
            throw UsageError("--queue must be between 1 and \(RunSettings.maximumQueue), not \(queue)")
        }
        if let file { try RunSettings.check(file, for: demo, size: size, cold: cold, confirmed: coldConfirmed) }
        let size = file?.size ?? size ?? (demo.runsSteps ? 0 : RunSettings.defaultSize)
        if !demo.runsSteps && size < 1 { throw UsageError("--size must be at least 1 byte, not 0") }
        // A default is never an error: sendfile's and copy_file_range's (the whole file in one
        // call) stops at the most --buffer takes, where it once blamed an option nobody gave.
        let buffer = buffer ?? min(demo.defaultBuffer(size: size), RunSettings.maximumBuffer)
        if buffer < 1 { throw UsageError("--buffer must be at least 1 byte, not 0") }
        if buffer > RunSettings.maximumBuffer && demo.options.contains(.buffer) {
            throw UsageError("--buffer \(ByteSize.compact(buffer)) is too large: the most is 1G")
        }
        if let problem = demo.problem(size: size, buffer: buffer) { throw UsageError(problem) }
        if demo.runsSteps && buffer < 16 {
            throw UsageError("--buffer for \(demo.id) must be at least 16 bytes, to have a region worth slicing")
        }
        let repeatCount = repeatCount ?? 1
        if repeatCount < 1 || repeatCount > RunSettings.maximumRepeat {
            throw UsageError("--repeat must be between 1 and \(RunSettings.maximumRepeat), not \(repeatCount)")
        }
        self.demo = demo
        self.size = demo.runsSteps ? buffer : size
        self.buffer = buffer
        self.sink = sink ?? demo.defaultSink ?? .null
        self.repeatCount = repeatCount
        self.cold = cold
        self.direct = direct
        // No more in flight than there are chunks: a deeper queue would size the ring's buffers
        // (and the view's "in flight") by slots that are never used.
        let chunks = max(1, buffer > 0 ? (size + buffer - 1) / buffer : 1)
        self.queue = demo.options.contains(.queue) ? min(queue ?? Transfer.defaultQueue, chunks) : 1
        if let queue, demo.options.contains(.queue), queue > chunks { queueAsked = queue }
        self.file = file
        self.coldConfirmed = coldConfirmed
    }

    /// `--file` goes with a demo that reads a file, takes its size from the file, and drops
    /// the cached pages (`--cold`) of a file the learner cannot write to only when confirmed.
    private static func check(_ file: LearnerFile, for demo: Demo, size: Int?, cold: Bool, confirmed: Bool) throws(UsageError) {
        guard demo.readsLearnerFile else {
            throw UsageError("option --file does not apply to demo '\(demo.id)': \(demo.reason(without: .cold))")
        }
        if let size, size != file.size {
            throw UsageError("--size does not apply with --file: the size is the file's (\(NumberFormat.count(file.size)) bytes)")
        }
        if cold && !confirmed && !file.writable {
            throw UsageError(
                "--cold on \(file.path) asks the kernel to drop its cached pages: harmless to its data, but every program reading it "
                    + "reads from storage until it is cached again; it is not yours to write, so confirm with --cold-anyway")
        }
    }

    /// The label of a row in a comparison: the demo, and the buffer when rows differ by it.
    func label(showingBuffer: Bool) -> String {
        showingBuffer ? "\(demo.id)@\(ByteSize.compact(buffer))" : demo.id
    }
}
