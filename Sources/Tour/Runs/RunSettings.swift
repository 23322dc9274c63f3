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

    public static let defaultSize = 64 << 20
    public static let maximumBuffer = 1 << 30
    public static let maximumRepeat = 1000
    /// The deepest `--queue`: a wave of linked operations needs twice as many SQEs, and the
    /// kernel allows 32,768 (IORING_MAX_ENTRIES); 4,096 chunks in flight is far past any gain.
    public static let maximumQueue = 4096

    /// Applies defaults and rejects options the demo does not take, with the reason.
    public init(
        demo: Demo, size: Int?, buffer: Int?, sink: SinkKind?, repeatCount: Int?, cold: Bool,
        direct: Bool = false, queue: Int? = nil
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
        let size = size ?? (demo.runsSteps ? 0 : RunSettings.defaultSize)
        if !demo.runsSteps && size < 1 { throw UsageError("--size must be at least 1 byte, not 0") }
        let buffer = buffer ?? demo.defaultBuffer(size: size)
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
        self.queue = demo.options.contains(.queue) ? queue ?? Transfer.defaultQueue : 1
    }

    /// The label of a row in a comparison: the demo, and the buffer when rows differ by it.
    func label(showingBuffer: Bool) -> String {
        showingBuffer ? "\(demo.id)@\(ByteSize.compact(buffer))" : demo.id
    }
}
