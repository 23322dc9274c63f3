import CShims
import Glibc

/// The working thread's counters at one instant. Taken without allocating and with one
/// read-type syscall (the io file), whose cost `Delta` subtracts exactly.
public struct Snapshot: Sendable {
    /// nil when /proc could not be read; `Probe.unavailable` says why.
    public var io: IOCounters?
    /// Bytes of io text this snapshot read: added to rchar of the next snapshot, not the demo's.
    public var probeReadBytes = 0
    /// The whole process's io counters, when the probe reads them too (`processStorage`), and
    /// the bytes of that read, which the thread's counters see.
    public var processIO: IOCounters?
    public var processProbeReadBytes = 0
    /// Whether the process file was read before the thread's own (a closing snapshot), so that
    /// its read is in this snapshot's thread counters; after it (an opening one), it is not.
    public var processReadFirst = false
    public var minflt = 0
    public var majflt = 0
    public var voluntarySwitches = 0
    public var nonvoluntarySwitches = 0
    /// The thread's CPU time to the nanosecond (CLOCK_THREAD_CPUTIME_ID); the user/system
    /// split below comes from tick sampling and is coarse for short demos.
    public var cpuNanoseconds = 0
    public var utimeNanoseconds = 0
    public var stimeNanoseconds = 0
    /// The process's peak resident set (VmHWM) in bytes; it never goes down.
    public var peakRSSBytes = 0
    public var allocations = 0
    public var allocatedBytes = 0
    public var monotonicNanoseconds = 0
}
