/// What happened between two snapshots of one thread, with the probe's own cost taken out:
/// the first snapshot's pread of the io file is one read-type syscall and its bytes of text,
/// which the second snapshot sees. (The second snapshot's own read is not in its own text.)
public struct Delta: Sendable, Equatable, Codable {
    /// nil when /proc could not be read.
    public var io: IOCounters?
    public var minorFaults: Int
    public var majorFaults: Int
    public var voluntarySwitches: Int
    public var involuntarySwitches: Int
    public var cpuNanoseconds: Int
    public var userNanoseconds: Int
    public var systemNanoseconds: Int
    public var allocations: Int
    public var allocatedBytes: Int
    public var wallNanoseconds: Int
    /// The process's peak resident set at the end, and how much the window raised it.
    public var peakResidentBytes: Int
    public var peakResidentGrowth: Int

    public init(from start: Snapshot, to end: Snapshot) {
        if let first = start.io, let last = end.io {
            var io = last - first
            io.syscr -= 1
            io.rchar -= start.probeReadBytes
            self.io = io
        } else {
            io = nil
        }
        minorFaults = end.minorFaults - start.minorFaults
        majorFaults = end.majorFaults - start.majorFaults
        voluntarySwitches = end.voluntarySwitches - start.voluntarySwitches
        involuntarySwitches = end.involuntarySwitches - start.involuntarySwitches
        cpuNanoseconds = end.cpuNanoseconds - start.cpuNanoseconds
        userNanoseconds = end.userNanoseconds - start.userNanoseconds
        systemNanoseconds = end.systemNanoseconds - start.systemNanoseconds
        allocations = end.allocations - start.allocations
        allocatedBytes = end.allocatedBytes - start.allocatedBytes
        wallNanoseconds = end.monotonicNanoseconds - start.monotonicNanoseconds
        peakResidentBytes = end.peakResidentBytes
        peakResidentGrowth = end.peakResidentBytes - start.peakResidentBytes
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
        sum.minorFaults += b.minorFaults
        sum.majorFaults += b.majorFaults
        sum.voluntarySwitches += b.voluntarySwitches
        sum.involuntarySwitches += b.involuntarySwitches
        sum.cpuNanoseconds += b.cpuNanoseconds
        sum.userNanoseconds += b.userNanoseconds
        sum.systemNanoseconds += b.systemNanoseconds
        sum.allocations += b.allocations
        sum.allocatedBytes += b.allocatedBytes
        sum.wallNanoseconds += b.wallNanoseconds
        sum.peakResidentBytes = max(a.peakResidentBytes, b.peakResidentBytes)
        sum.peakResidentGrowth += b.peakResidentGrowth
        return sum
    }
}
