import Probe
import ZeroCopy

/// Everything one run measured, in the shape `--json` prints (schema in the README).
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
    /// The source was read with O_DIRECT (absent for runs in memory).
    public var direct: Bool? = nil
    /// Counters that cannot see this technique (splice in /proc/<pid>/io): their zero means unseen.
    public var countersBlind: Blind? = nil
    /// MSG_ZEROCOPY's completion notifications.
    public var zerocopy: MsgZerocopy.Completions? = nil
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
        case direct
        case countersBlind = "counters_blind"
        case zerocopy = "zerocopy_completions"
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
        public var utimeNanoseconds: Int
        public var stimeNanoseconds: Int
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
            try container.encode(peakRSSBytes, forKey: .peakRSSBytes)
            try container.encode(wallNanoseconds, forKey: .wallNanoseconds)
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
            utimeNanoseconds = delta.utimeNanoseconds
            stimeNanoseconds = delta.stimeNanoseconds
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
