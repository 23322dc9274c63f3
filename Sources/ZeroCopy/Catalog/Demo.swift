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
    /// Sinks it refuses although it takes `--to`, each with the reason.
    let refusedSinks: [SinkKind: String]
    /// The /proc counters that cannot see its transfer calls: a zero in them means "not seen".
    public let blindSpot: BlindSpot?
    /// The default `--buffer` for a file of `size` bytes.
    let bufferForSize: @Sendable (_ size: Int) -> Int
    /// What it holds in memory at once, for a file or region of `size` and a `buffer`; for a
    /// demo that takes `--queue`, per operation in flight.
    let memoryForRun: @Sendable (_ size: Int, _ buffer: Int) -> Int
    /// Whether it writes a second copy of the file beside its sink (tee).
    public let writesSecondFile: Bool
    /// Temporary disk it writes besides the sample and its sink, for a file of `size` bytes (a
    /// client's copy of a download, a file of its own to delete).
    let extraDiskForRun: @Sendable (_ size: Int) -> Int
    /// Whether the tour measures the peak of its resident memory in the window (the peak is
    /// reset first), for the demos about what a mapping holds.
    public let watchesResidency: Bool
    /// It counts the process's mappings before and after its loop (the `mappings.*` fields).
    public let countsMappings: Bool
    /// It deletes a file it has mapped and watches the space come back (the `space.*` fields).
    public let holdsDeletedFile: Bool
    /// What a `--buffer` must be for it, when not any size: the problem with `buffer`, or nil.
    let bufferRule: (@Sendable (_ size: Int, _ buffer: Int) -> String?)?
    /// Why it has no C loop, for the demos whose point is not speed.
    public let withoutYardstick: String?
    /// Whether the kernel moves the bytes itself (sendfile, splice, copy_file_range, MSG_ZEROCOPY):
    /// they never pass through user space, so into /dev/null such a demo moves nothing at all.
    public let kernelSide: Bool
    /// Whether it uses the file's bytes where they are (a mapping) instead of copying them into
    /// a buffer: into /dev/null it only reads them, so it can pass memcpy, which reads and writes.
    public let readsInPlace: Bool
    /// The C loop it is held to, if it has one.
    public let yardstick: Yardstick?
    /// Whether the kernel may do its storage I/O in worker threads of the process (io_uring's
    /// io-wq), so that read_bytes and write_bytes are to be taken for the whole process.
    public let storageByWorkers: Bool
    /// The library whose API the technique calls as it ships (Foundation), or nil when zctour
    /// makes the calls itself. zctour cannot count the calls made inside a library (its `calls`
    /// is 0; /proc and the tracer see them), and there is no C loop to hold it to: the tour
    /// measures what the library does, it does not set goals for it.
    public let library: String?

    /// An option a demo may or may not take.
    public enum Option: String, Sendable, CaseIterable {
        case size, buffer, to, cold, direct, queue
    }

    /// How a demo runs: a file moved to a sink, pieces walked in memory, or copy-on-write steps.
    public enum Run: Sendable {
        /// Moves the sample file to a sink: the bytes go through `Transfer`, verified at the far end.
        case transfer(@Sendable (Transfer) throws -> TransferReport)
        /// Walks a region of `size` bytes in pieces of `buffer`, each made its own way.
        case pieces(@Sendable (_ region: [UInt8], _ piece: Int, _ expected: UInt64, _ window: MeasurementWindow) throws -> PieceWalk.Walk)
        /// Runs steps on one region of `buffer` bytes, each in its own window.
        case steps
        /// Serves the sample over HTTP/1.1 to a client on 127.0.0.1 (Plumbing/HTTP): the server
        /// reads the request and sends the head; the handler sends the body and returns its calls.
        case serve(@Sendable (ResponseBody) throws -> Int)
        /// Receives the sample over TCP from a sender thread on 127.0.0.1 and writes it to a file.
        case receive(@Sendable (Reception) throws -> TransferReport)
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
        /// What the loop sets up before the window and closes after it (an io_uring and its
        /// registrations), as the Swift demo does.
        public let setUp: zcy_set_up?
        public let tearDown: zcy_tear_down?

        public init(_ loop: zcy_loop, prepare: zcy_prepare? = nil, setUp: zcy_set_up? = nil, tearDown: zcy_tear_down? = nil) {
            self.loop = loop
            self.prepare = prepare
            self.setUp = setUp
            self.tearDown = tearDown
        }
    }

    public init(
        id: String, summary: String, run: Run, options: Set<Option>, reasons: [Option: String] = [:],
        defaultSink: SinkKind?, refusedSinks: [SinkKind: String] = [:], blindSpot: BlindSpot? = nil,
        defaultBuffer: @escaping @Sendable (Int) -> Int = { _ in 64 << 10 },
        memory: @escaping @Sendable (_ size: Int, _ buffer: Int) -> Int, writesSecondFile: Bool = false, kernelSide: Bool = false,
        storageByWorkers: Bool = false, readsInPlace: Bool = false, yardstick: Yardstick? = nil,
        extraDisk: @escaping @Sendable (_ size: Int) -> Int = { _ in 0 }, watchesResidency: Bool = false,
        countsMappings: Bool = false, holdsDeletedFile: Bool = false,
        bufferRule: (@Sendable (_ size: Int, _ buffer: Int) -> String?)? = nil, withoutYardstick: String? = nil,
        library: String? = nil
    ) {
        self.id = id
        self.summary = summary
        self.run = run
        self.options = options
        self.reasons = reasons
        self.defaultSink = defaultSink
        self.refusedSinks = refusedSinks
        self.blindSpot = blindSpot
        self.bufferForSize = defaultBuffer
        self.memoryForRun = memory
        self.writesSecondFile = writesSecondFile
        self.kernelSide = kernelSide
        self.storageByWorkers = storageByWorkers
        self.readsInPlace = readsInPlace
        self.yardstick = yardstick
        self.extraDiskForRun = extraDisk
        self.watchesResidency = watchesResidency
        self.countsMappings = countsMappings
        self.holdsDeletedFile = holdsDeletedFile
        self.bufferRule = bufferRule
        self.withoutYardstick = withoutYardstick
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

    /// Whether `--file` may give it the learner's file: a transfer that reads its source, not
    /// one that deletes the file it maps (mmap-unlinked: a file of its own).
    public var readsLearnerFile: Bool { movesFile && !holdsDeletedFile }

    /// Demos that read the sample file: into a sink, over HTTP, or as a sender's source.
    public var usesSample: Bool {
        switch run {
        case .transfer, .serve, .receive: true
        case .pieces, .steps: false
        }
    }

    /// The download demos, served over HTTP.
    public var serves: Bool {
        if case .serve = run { return true }
        return false
    }

    /// The network → file demos.
    public var receives: Bool {
        if case .receive = run { return true }
        return false
    }

    /// The copy-on-write walk: one region of `--buffer` bytes, steps instead of a transfer.
    public var runsSteps: Bool {
        if case .steps = run { return true }
        return false
    }

    /// Whether a run into `sink` moves no bytes at all: the kernel moves them itself, and
    /// /dev/null's splice_write drops the pages unread (drivers/char/mem.c), so nothing is
    /// copied anywhere; tee still writes its second file. Such a run's "throughput" is the cost
    /// of its calls, not of moving data.
    public func movesNothing(into sink: SinkKind) -> Bool { kernelSide && sink == .null && !writesSecondFile }

    /// The sinks it takes: every kind with `--to` but those it refuses, else its one sink; none in memory.
    public var sinks: [SinkKind] {
        guard let defaultSink else { return [] }
        return options.contains(.to) ? SinkKind.allCases.filter { refusedSinks[$0] == nil } : [defaultSink]
    }

    /// Why it does not write to `sink`, when it takes `--to` but not that one.
    public func reason(refusing sink: SinkKind) -> String? { refusedSinks[sink] }

    /// The default `--buffer` for a file of `size` bytes.
    public func defaultBuffer(size: Int) -> Int { bufferForSize(size) }

    /// What a run holds in memory at once: for a demo with operations in flight, `queue` times
    /// what one of them holds.
    public func memoryNeeded(size: Int, buffer: Int, queue: Int = 1) -> Int {
        memoryForRun(size, buffer) * (options.contains(.queue) ? max(queue, 1) : 1)
    }

    /// Temporary disk a run writes besides the sample and its sink.
    public func extraDisk(size: Int) -> Int { extraDiskForRun(size) }

    /// Why `buffer` does not suit it, when it does not.
    public func problem(size: Int, buffer: Int) -> String? { bufferRule?(size, buffer) }

    /// Why an option does not apply, for the error that rejects it.
    public func reason(without option: Option) -> String {
        if let reason = reasons[option] { return reason }
        if !usesSample && [.to, .cold, .direct].contains(option) { return "it works in memory, not on a file" }
        if option == .queue { return "only the io_uring demos (uring-*) keep several operations in flight" }
        return "it does not use it"
    }
}
