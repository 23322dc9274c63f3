import Glibc

/// One run of a file technique: the sample to move, the open sink, the buffer size asked for,
/// and the window to measure. Techniques open what they need, then call `measure`.
public struct Transfer {
    public let sample: SampleFile
    public let sink: Sink
    public let buffer: Int
    public let window: MeasurementWindow

    public init(sample: SampleFile, sink: Sink, buffer: Int, window: MeasurementWindow) {
        self.sample = sample
        self.sink = sink
        self.buffer = buffer
        self.window = window
    }

    /// Opens the sample for reading, outside the measured window.
    func openSource() throws -> Int32 {
        try systemCall("open", path: sample.path) { open(sample.path, O_RDONLY | O_CLOEXEC) }
    }

    /// Measures `body` (which returns the number of transfer syscalls it made) and the sink's
    /// drain, so a socket's time runs until the receiver has every byte.
    func measure(_ body: () throws -> Int) throws -> Int {
        window.begin()
        let calls = try body()
        try sink.finish()
        window.end()
        return calls
    }
}

/// What a technique reports of itself besides the bytes: how many transfer syscalls it issued
/// (reads, writes, sendfiles), and facts worth showing (e.g. the mapping's length).
public struct TransferReport: Sendable, Equatable {
    public let calls: Int
    public let notes: [String]

    public init(calls: Int, notes: [String] = []) {
        self.calls = calls
        self.notes = notes
    }
}
