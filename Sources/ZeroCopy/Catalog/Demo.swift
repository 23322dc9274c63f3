import CYardstick

/// A demo zctour can run, described once, in its technique's file (`Techniques/ReadWrite.swift`
/// describes `read-write`): what it is, which options and sinks it takes, what it holds in
/// memory and on disk, which counters cannot see it, how it runs, and the C loop it is held to.
/// `Demo.all` (Catalog/DemoTable.swift) lists them; everything else (the command line, the
/// prompt's completion, lint, run, compare, sweep, the benchmarks) reads these descriptions.
public struct Demo: Sendable, Hashable, CustomStringConvertible {
    /// The name the command line and the lessons use: `read-write`.
    public let id: String
    public let summary: String
    public let run: Run
    /// The options it takes; `--repeat` and `--json` apply to every demo.
    public let options: Set<Option>
    /// Why an option it does not take does not apply, where that needs saying; see `reason(without:)`.
    let reasons: [Option: String]
    /// The sink it writes to when `--to` is not given, or the only one it takes (`options`
    /// without `.to`); nil for the demos that work in memory.
    public let defaultSink: SinkKind?
    /// The /proc counters that cannot see its transfer calls: a zero in them means "not seen".
    public let blindSpot: BlindSpot?
    /// The default `--buffer` for a file of `size` bytes.
    let bufferForSize: @Sendable (_ size: Int) -> Int
    /// What it holds in memory at once, for a file or region of `size` and a `buffer`.
    let memoryForRun: @Sendable (_ size: Int, _ buffer: Int) -> Int
    /// Whether it writes a second copy of the file beside its sink (tee).
    public let writesSecondFile: Bool
    /// Whether the kernel moves the bytes itself (sendfile, splice, copy_file_range, MSG_ZEROCOPY):
    /// they never pass through user space, so into /dev/null such a demo moves nothing at all.
    public let kernelSide: Bool
    /// The C loop it is held to, if it has one.
    public let yardstick: Yardstick?
    /// The library whose API the technique calls as it ships (Foundation), or nil when zctour
    /// makes the calls itself. zctour cannot count the calls made inside a library (its `calls`
    /// is 0; /proc and the tracer see them), and there is no C loop to hold it to: the tour
    /// measures what the library does, it does not set goals for it.
    public let library: String?

    /// An option a demo may or may not take.
    public enum Option: String, Sendable, CaseIterable {
        case size, buffer, to, cold, direct
    }

    /// How a demo runs: a file moved to a sink, pieces walked in memory, or copy-on-write steps.
    public enum Run: Sendable {
        /// Moves the sample file to a sink: the bytes go through `Transfer`, verified at the far end.
        case transfer(@Sendable (Transfer) throws -> TransferReport)
        /// Walks a region of `size` bytes in pieces of `buffer`, each made its own way.
        case pieces(@Sendable (_ region: [UInt8], _ piece: Int, _ expected: UInt64, _ window: MeasurementWindow) throws -> PieceWalk.Walk)
        /// Runs steps on one region of `buffer` bytes, each in its own window.
        case steps
    }

    /// Counters blind to a technique, and why.
    public struct BlindSpot: Sendable, Hashable {
        public let counters: [String]
        public let reason: String

        /// All four of /proc/<pid>/io's syscall and byte counters.
        public static func ioCounters(_ reason: String) -> BlindSpot {
            BlindSpot(counters: ["syscr", "syscw", "rchar", "wchar"], reason: reason)
        }
    }

    /// A demo's technique as a plain C loop (Sources/CYardstick): the benchmarks hold the Swift
    /// demo to its speed, and the tests check that it makes the same syscalls.
    public struct Yardstick: Sendable {
        public let loop: zcy_loop
        /// What the sink needs before the window (SO_ZEROCOPY for msg-zerocopy).
        public let prepare: zcy_prepare?

        public init(_ loop: zcy_loop, prepare: zcy_prepare? = nil) {
            self.loop = loop
            self.prepare = prepare
        }
    }

    public init(
        id: String, summary: String, run: Run, options: Set<Option>, reasons: [Option: String] = [:],
        defaultSink: SinkKind?, blindSpot: BlindSpot? = nil, defaultBuffer: @escaping @Sendable (Int) -> Int = { _ in 64 << 10 },
        memory: @escaping @Sendable (_ size: Int, _ buffer: Int) -> Int, writesSecondFile: Bool = false, kernelSide: Bool = false,
        yardstick: Yardstick? = nil, library: String? = nil
    ) {
        self.id = id
        self.summary = summary
        self.run = run
        self.options = options
        self.reasons = reasons
        self.defaultSink = defaultSink
        self.blindSpot = blindSpot
        self.bufferForSize = defaultBuffer
        self.memoryForRun = memory
        self.writesSecondFile = writesSecondFile
        self.kernelSide = kernelSide
        self.yardstick = yardstick
        self.library = library
    }

    public var description: String { id }

    public static func == (a: Demo, b: Demo) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The demo with this id (case-insensitive), if there is one.
    public static func named(_ name: String) -> Demo? {
        let id = name.lowercased()
        return all.first { $0.id == id }
    }

    /// Demos that move a file to a sink; the others work in memory.
    public var movesFile: Bool {
        if case .transfer = run { return true }
        return false
    }

    /// The copy-on-write walk: one region of `--buffer` bytes, steps instead of a transfer.
    public var runsSteps: Bool {
        if case .steps = run { return true }
        return false
    }

    /// The sinks it takes: every kind with `--to`, else its one sink; none in memory.
    public var sinks: [SinkKind] {
        guard let defaultSink else { return [] }
        return options.contains(.to) ? SinkKind.allCases : [defaultSink]
    }

    /// The default `--buffer` for a file of `size` bytes.
    public func defaultBuffer(size: Int) -> Int { bufferForSize(size) }

    /// What a run holds in memory at once.
    public func memoryNeeded(size: Int, buffer: Int) -> Int { memoryForRun(size, buffer) }

    /// Why an option does not apply, for the error that rejects it.
    public func reason(without option: Option) -> String {
        if let reason = reasons[option] { return reason }
        if !movesFile && [.to, .cold, .direct].contains(option) { return "it works in memory, not on a file" }
        return "it does not use it"
    }
}
