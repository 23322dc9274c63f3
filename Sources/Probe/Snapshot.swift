import CShims
import Glibc

/// The working thread's counters at one instant. Taken without allocating and with one
/// read-type syscall (the io file), whose cost `Delta` subtracts exactly.
public struct Snapshot: Sendable {
    /// nil when /proc could not be read; `Probe.unavailable` says why.
    public var io: IOCounters?
    /// Bytes of io text this snapshot read: added to rchar of the next snapshot, not the demo's.
    public var probeReadBytes: Int
    public var minorFaults: Int
    public var majorFaults: Int
    public var voluntarySwitches: Int
    public var involuntarySwitches: Int
    /// The thread's CPU time to the nanosecond (CLOCK_THREAD_CPUTIME_ID); the user/system
    /// split below comes from tick sampling and is coarse for short demos.
    public var cpuNanoseconds: Int
    public var userNanoseconds: Int
    public var systemNanoseconds: Int
    /// The process's peak resident set (VmHWM) in bytes; it never goes down.
    public var peakResidentBytes: Int
    public var allocations: Int
    public var allocatedBytes: Int
    public var monotonicNanoseconds: Int
}
