import Probe
import ZeroCopy

/// Everything one run measured, in the shape `--json` prints (schema in docs/json.md).
public struct RunRecord: Sendable, Equatable, Codable {
    public var demo: String
    public var label: String
    public var size: Int
    public var buffer: Int
    public var sink: String
    public var repeatCount: Int
    public var cold: Bool
    public var bytes: Int
    public var verified: Bool
    public var verification: String
    public var checksum: String?
    public var calls: Int
    /// The chosen (median) run's wall time, and every run's.
    public var wallNanoseconds: Int
    public var wallNanosecondsAll: [Int]
    public var counters: Counters
    public var countersUnavailable: String?
    public var allocations: Allocations
    public var peer: Counters?
    public var pageCache: PageCache?
    public var copiedBytes: Int?
    public var steps: [Step]?
    public var notes: [String]
    /// With --trace: the demo thread's syscalls in the window, by name, from a separate traced
    /// run; the other threads' (the receiver's); the first calls decoded; or why not.
    public var syscalls: [String: Tracer.Count]? = nil
    public var peerSyscalls: [String: Tracer.Count]? = nil
    public var traceLines: [String]? = nil
    public var traceUnavailable: String? = nil
    /// Whether the traced child repeated all this process did before the run (true for a single
    /// command), so its memory calls (brk, mmap, munmap) are the measured run's too.
    public var traceHistoryComplete: Bool? = nil
    /// The source was read with O_DIRECT (absent for runs in memory).
    public var direct: Bool? = nil
    /// Counters that cannot see this technique (splice in /proc/<pid>/io): their zero means unseen.
    public var countersBlind: Blind? = nil
    /// MSG_ZEROCOPY's completion notifications.
    public var zerocopy: MsgZerocopy.Completions? = nil
    /// The io_uring demos: operations in flight per io_uring_enter, and what went through the
    /// ring, counted from its completions.
    public var queue: Int? = nil
    public var ring: RingOperations? = nil
    /// "process" when read_bytes and write_bytes are the whole process's (io_uring's io-wq
    /// workers do some of a ring demo's storage I/O); absent when they are the demo thread's.
    public var storageScope: String? = nil
    /// In a comparison: the rounds the row ran in, every round's CPU time (beside
    /// `wallNanosecondsAll`), the exact counters that differed between rounds (lowest, highest),
    /// and the rounds in which it was preempted.
    public var rounds: Int? = nil
    public var cpuNanosecondsAll: [Int]? = nil
    public var varied: [String: [Int]]? = nil
    public var noise: RowNoise? = nil
    /// How the traced child repeats what this process did before this run (not in the JSON).
    public var replay: TraceReplay? = nil
    /// The download demos: the request, the response and the client.
    public var http: HTTPRun? = nil
    /// Whose counters `peer` holds: nil for the socket sink's receiver thread, "sender" for the
    /// network → file demos' sender thread, "client" for a download's client thread, "curl" for
    /// a download's curl (another process: its whole life, start-up included).
    public var peerRole: String? = nil
    /// Where the bytes came from, when not from the sample file read by the demo: "socket".
    public var source: String? = nil
    /// The peak of the process's resident memory in the window, for the mapping demos.
    public var residency: Residency? = nil
    /// The process's mappings before and after a loop of mappings (mmap-leak, mmap-defer).
    public var mappings: MappingGrowth? = nil
    /// The free space of the filesystem of a deleted, mapped file (mmap-unlinked).
    public var space: HeldSpace? = nil

    /// One download: what the server did and who fetched it.
    public struct HTTPRun: Sendable, Equatable, Codable {
        public var url: String
        public var exchange: Exchange
        /// "curl" or "thread".
        public var client: String
        public var clientPath: String?
        public var clientExit: Int32?
        /// The status the client itself reported (curl's %{http_code}).
        public var clientStatus: Int?

        enum CodingKeys: String, CodingKey {
            case url, exchange, client
            case clientPath = "client_path"
            case clientExit = "client_exit"
            case clientStatus = "client_status"
        }
    }

    /// The resident set's peak in the window: the kernel's high-water mark (VmHWM, getrusage's
    /// ru_maxrss), reset to the current resident set just before the run by writing 5 to
    /// /proc/self/clear_refs; `growth` is how far the window raised it above where it began.
    public struct Residency: Sendable, Equatable, Codable {
        public var peakBytes: Int?
        public var growthBytes: Int?
        /// Why the peak could not be measured here.
        public var unavailable: String?

        enum CodingKeys: String, CodingKey {
            case unavailable
            case peakBytes = "peak_bytes"
            case growthBytes = "growth_bytes"
        }
    }
    /// The learner's own file the run read (`--file`); absent for zctour's sample.
    public var file: String? = nil
    /// The source file's st_blksize, the chunk Foundation's copyItem and FileHandle use (file runs).
    public var blockSize: Int? = nil

    public struct Blind: Sendable, Equatable, Codable {
        public var counters: [String]
        public var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case demo, label, size, buffer, sink, cold, bytes, verified, verification, checksum, calls
        case counters, allocations, peer, steps, notes
        case repeatCount = "repeat"
        case wallNanoseconds = "wall_ns"
        case wallNanosecondsAll = "wall_ns_runs"
        case countersUnavailable = "counters_unavailable"
        case pageCache = "page_cache"
        case copiedBytes = "copied_bytes"
        case syscalls
        case peerSyscalls = "peer_syscalls"
        case traceLines = "trace_lines"
        case traceUnavailable = "trace_unavailable"
        case traceHistoryComplete = "trace_history_complete"
        case direct
        case countersBlind = "counters_blind"
        case zerocopy = "zerocopy_completions"
        case queue, ring
        case storageScope = "storage_scope"
        case rounds, varied, noise
        case cpuNanosecondsAll = "cpu_ns_runs"
        case http, source, residency, mappings, space
        case peerRole = "peer_role"
        case file
        case blockSize = "block_size"
    }

    /// The counters of one thread in one window; the io ones are nil when /proc is unreadable.
    public struct Counters: Sendable, Equatable, Codable {
        public var syscr: Int?
        public var syscw: Int?
        public var rchar: Int?
        public var wchar: Int?
        public var readBytes: Int?
        public var writeBytes: Int?
        public var minflt: Int
        public var majflt: Int
        public var voluntarySwitches: Int
        public var nonvoluntarySwitches: Int
        public var cpuNanoseconds: Int
        /// The user/system split, nil when the window was too short to split (`cpuSplitUnavailable` says why).
        public var utimeNanoseconds: Int?
        public var stimeNanoseconds: Int?
        public var cpuSplitUnavailable: String? = nil
        public var peakRSSBytes: Int
        public var wallNanoseconds: Int

        enum CodingKeys: String, CodingKey {
            case syscr, syscw, rchar, wchar, minflt, majflt
            case readBytes = "read_bytes"
            case writeBytes = "write_bytes"
            case voluntarySwitches = "voluntary_ctxt_switches"
            case nonvoluntarySwitches = "nonvoluntary_ctxt_switches"
            case cpuNanoseconds = "cpu_ns"
            case utimeNanoseconds = "utime_ns"
            case stimeNanoseconds = "stime_ns"
            case cpuSplitUnavailable = "cpu_split_unavailable"
            case peakRSSBytes = "peak_rss_bytes"
            case wallNanoseconds = "wall_ns"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            // Unavailable counters are written as null, so the keys are always there.
            try container.encode(syscr, forKey: .syscr)
            try container.encode(syscw, forKey: .syscw)
            try container.encode(rchar, forKey: .rchar)
            try container.encode(wchar, forKey: .wchar)
            try container.encode(readBytes, forKey: .readBytes)
            try container.encode(writeBytes, forKey: .writeBytes)
            try container.encode(minflt, forKey: .minflt)
            try container.encode(majflt, forKey: .majflt)
            try container.encode(voluntarySwitches, forKey: .voluntarySwitches)
            try container.encode(nonvoluntarySwitches, forKey: .nonvoluntarySwitches)
            try container.encode(cpuNanoseconds, forKey: .cpuNanoseconds)
            try container.encode(utimeNanoseconds, forKey: .utimeNanoseconds)
            try container.encode(stimeNanoseconds, forKey: .stimeNanoseconds)
            try container.encodeIfPresent(cpuSplitUnavailable, forKey: .cpuSplitUnavailable)
            try container.encode(peakRSSBytes, forKey: .peakRSSBytes)
            try container.encode(wallNanoseconds, forKey: .wallNanoseconds)
        }

        /// CPU time below which the user/system split is not given: getrusage's utime and stime
        /// are sampled at scheduler ticks, so for a short window they do not even add up to the
        /// exact total (`cpu_ns`, from CLOCK_THREAD_CPUTIME_ID); see `explain cpu`.
        public static let splitThreshold = 50_000_000
        static let tooShortToSplit =
            "too short to split: under 50 ms of CPU time, getrusage's user/system times are scheduler-tick samples "
            + "that need not add up to cpu_ns, which is exact"

        init() {
            minflt = 0
            majflt = 0
            voluntarySwitches = 0
            nonvoluntarySwitches = 0
            cpuNanoseconds = 0
            peakRSSBytes = 0
            wallNanoseconds = 0
        }

        init(
            syscr: Int?, syscw: Int?, rchar: Int?, wchar: Int?, readBytes: Int?, writeBytes: Int?, minflt: Int, majflt: Int,
            voluntarySwitches: Int, nonvoluntarySwitches: Int, cpuNanoseconds: Int, utimeNanoseconds: Int, stimeNanoseconds: Int,
            peakRSSBytes: Int, wallNanoseconds: Int
        ) {
            self.syscr = syscr
            self.syscw = syscw
            self.rchar = rchar
            self.wchar = wchar
            self.readBytes = readBytes
            self.writeBytes = writeBytes
            self.minflt = minflt
            self.majflt = majflt
            self.voluntarySwitches = voluntarySwitches
            self.nonvoluntarySwitches = nonvoluntarySwitches
            self.cpuNanoseconds = cpuNanoseconds
            self.utimeNanoseconds = utimeNanoseconds
            self.stimeNanoseconds = stimeNanoseconds
            self.peakRSSBytes = peakRSSBytes
            self.wallNanoseconds = wallNanoseconds
        }

        init(_ delta: Delta) {
            syscr = delta.io?.syscr
            syscw = delta.io?.syscw
            rchar = delta.io?.rchar
            wchar = delta.io?.wchar
            readBytes = delta.io?.readBytes
            writeBytes = delta.io?.writeBytes
            minflt = delta.minflt
            majflt = delta.majflt
            voluntarySwitches = delta.voluntarySwitches
            nonvoluntarySwitches = delta.nonvoluntarySwitches
            cpuNanoseconds = delta.cpuNanoseconds
            if delta.cpuNanoseconds >= Counters.splitThreshold {
                utimeNanoseconds = delta.utimeNanoseconds
                stimeNanoseconds = delta.stimeNanoseconds
            } else {
                cpuSplitUnavailable = Counters.tooShortToSplit
            }
            peakRSSBytes = delta.peakRSSBytes
            wallNanoseconds = delta.wallNanoseconds
        }
    }

    public struct Allocations: Sendable, Equatable, Codable {
        public var count: Int
        public var bytes: Int
    }

    public struct PageCache: Sendable, Equatable, Codable {
        public var pages: Int
        public var residentBefore: Int
        public var residentAfter: Int
        public var filesystem: String?

        enum CodingKeys: String, CodingKey {
            case pages, filesystem
            case residentBefore = "resident_before"
            case residentAfter = "resident_after"
        }
    }

    /// One step of the `cow` demo.
    public struct Step: Sendable, Equatable, Codable {
        public var id: String
        public var code: String
        public var shared: Bool
        public var bytes: Int
        public var allocations: Int
        public var allocatedBytes: Int

        enum CodingKeys: String, CodingKey {
            case id, code, shared, bytes, allocations
            case allocatedBytes = "allocated_bytes"
        }
    }
}
