/// What happened between two snapshots of one thread, with the probe's own cost taken out:
/// the first snapshot's pread of the io file is one read-type syscall and its bytes of text,
/// which the second snapshot sees. (The second snapshot's own read is not in its own text.)
/// Each counter has one name from the probe to the JSON: the Swift name is the run's JSON key
/// in lowerCamelCase (`minflt`, `readBytes` for `read_bytes`, `peakRSSBytes` for
/// `peak_rss_bytes`), with `_ns` spelled `Nanoseconds` and `_ctxt_switches` spelled `Switches`.
public struct Delta: Sendable, Equatable, Codable {
    /// nil when /proc could not be read.
    public var io: IOCounters?
    /// The whole process's storage counters (read_bytes, write_bytes), when the probe read them:
    /// every thread's, io_uring's workers included, those that have exited too.
    public var processStorage: Storage?
    public var minflt: Int
    public var majflt: Int
    public var voluntarySwitches: Int
    public var nonvoluntarySwitches: Int
    public var cpuNanoseconds: Int
    public var utimeNanoseconds: Int
    public var stimeNanoseconds: Int
    public var allocations: Int
    public var allocatedBytes: Int
    public var wallNanoseconds: Int
    /// The process's peak resident set at the end, and how much the window raised it.
    public var peakRSSBytes: Int
    public var peakRSSGrowth: Int

    /// Bytes fetched from and sent to storage.
    public struct Storage: Sendable, Equatable, Codable {
        public var readBytes: Int
        public var writeBytes: Int

        public init(readBytes: Int, writeBytes: Int) {
            self.readBytes = readBytes
            self.writeBytes = writeBytes
        }
    }

    public init(from start: Snapshot, to end: Snapshot) {
        if let first = start.io, let last = end.io {
            var io = last - first
            io.syscr -= 1
            io.rchar -= start.probeReadBytes
            // The process file's reads that fell between the thread file's two: the start's when
            // it came after the start's thread read, the end's when it came before the end's.
            if start.processIO != nil && !start.processReadFirst {
                io.syscr -= 1
                io.rchar -= start.processProbeReadBytes
            }
            if end.processIO != nil && end.processReadFirst {
                io.syscr -= 1
                io.rchar -= end.processProbeReadBytes
            }
            self.io = io
        } else {
            io = nil
        }
        if let first = start.processIO, let last = end.processIO {
            processStorage = Storage(readBytes: last.readBytes - first.readBytes, writeBytes: last.writeBytes - first.writeBytes)
        } else {
            processStorage = nil
        }
        minflt = end.minflt - start.minflt
        majflt = end.majflt - start.majflt
        voluntarySwitches = end.voluntarySwitches - start.voluntarySwitches
        nonvoluntarySwitches = end.nonvoluntarySwitches - start.nonvoluntarySwitches
        cpuNanoseconds = end.cpuNanoseconds - start.cpuNanoseconds
        utimeNanoseconds = end.utimeNanoseconds - start.utimeNanoseconds
        stimeNanoseconds = end.stimeNanoseconds - start.stimeNanoseconds
        allocations = end.allocations - start.allocations
        allocatedBytes = end.allocatedBytes - start.allocatedBytes
        wallNanoseconds = end.monotonicNanoseconds - start.monotonicNanoseconds
        peakRSSBytes = end.peakRSSBytes
        peakRSSGrowth = end.peakRSSBytes - start.peakRSSBytes
    }
}

extension Delta {
    /// Two windows of one thread run back to back, as one (the later peak is kept).
    public static func + (a: Delta, b: Delta) -> Delta {
        var sum = a
        if let x = a.io, let y = b.io {
            sum.io = IOCounters(
                rchar: x.rchar + y.rchar, wchar: x.wchar + y.wchar, syscr: x.syscr + y.syscr,
                syscw: x.syscw + y.syscw, readBytes: x.readBytes + y.readBytes, writeBytes: x.writeBytes + y.writeBytes)
        } else {
            sum.io = nil
        }
        if let x = a.processStorage, let y = b.processStorage {
            sum.processStorage = Storage(readBytes: x.readBytes + y.readBytes, writeBytes: x.writeBytes + y.writeBytes)
        } else {
            sum.processStorage = nil
        }
        sum.minflt += b.minflt
        sum.majflt += b.majflt
        sum.voluntarySwitches += b.voluntarySwitches
        sum.nonvoluntarySwitches += b.nonvoluntarySwitches
        sum.cpuNanoseconds += b.cpuNanoseconds
        sum.utimeNanoseconds += b.utimeNanoseconds
        sum.stimeNanoseconds += b.stimeNanoseconds
        sum.allocations += b.allocations
        sum.allocatedBytes += b.allocatedBytes
        sum.wallNanoseconds += b.wallNanoseconds
        sum.peakRSSBytes = max(a.peakRSSBytes, b.peakRSSBytes)
        sum.peakRSSGrowth += b.peakRSSGrowth
        return sum
    }
}
