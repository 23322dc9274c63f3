import CShims
import Glibc

/// Reads what the kernel counts for the calling thread: /proc/thread-self/io for syscalls and
/// bytes, getrusage(RUSAGE_THREAD) for faults, context switches and the user/system split (the
/// same task counters /proc/thread-self/stat prints, without a second read that would add to
/// the counters), CLOCK_THREAD_CPUTIME_ID for the exact CPU time, the allocation counter,
/// and CLOCK_MONOTONIC. Create it on the thread it is to measure.
public final class Probe {
    private let ioFile: ProcCounterFile?
    /// Why the /proc counters are missing, in one line; nil when they are read.
    public let unavailable: ProbeUnavailable?
    private let thread: Int32

    /// `procRoot` exists so tests and `doctor` can simulate a machine without /proc.
    public init(procRoot: String = Probe.defaultProcRoot) {
        thread = zc_gettid()
        do {
            let file = try ProcCounterFile(path: "\(procRoot)/thread-self/io")
            if let text = file.read(), IOCounters.parse(text) != nil {
                ioFile = file
                unavailable = nil
            } else {
                ioFile = nil
                unavailable = ProbeUnavailable(reason: "\(procRoot)/thread-self/io has no I/O counters (kernel without CONFIG_TASK_IO_ACCOUNTING?)")
            }
        } catch {
            ioFile = nil
            unavailable = error
        }
    }

    /// `ZCTOUR_PROC_ROOT` when set (to simulate a missing /proc), else `/proc`.
    public static var defaultProcRoot: String {
        if let value = getenv("ZCTOUR_PROC_ROOT"), value.pointee != 0 { return String(cString: value) }
        return "/proc"
    }

    /// Whether the calling thread is the one this probe measures.
    public var isOnItsThread: Bool { zc_gettid() == thread }

    public func snapshot() -> Snapshot {
        var io: IOCounters?
        var readBytes = 0
        if let ioFile, let text = ioFile.read() {
            io = IOCounters.parse(text)
            readBytes = text.count
        }
        var usage = rusage()
        getrusage(RUSAGE_THREAD, &usage)
        var cpu = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu)
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Snapshot(
            io: io,
            probeReadBytes: readBytes,
            minorFaults: usage.ru_minflt,
            majorFaults: usage.ru_majflt,
            voluntarySwitches: usage.ru_nvcsw,
            involuntarySwitches: usage.ru_nivcsw,
            cpuNanoseconds: cpu.tv_sec * 1_000_000_000 + cpu.tv_nsec,
            userNanoseconds: usage.ru_utime.tv_sec * 1_000_000_000 + usage.ru_utime.tv_usec * 1000,
            systemNanoseconds: usage.ru_stime.tv_sec * 1_000_000_000 + usage.ru_stime.tv_usec * 1000,
            peakResidentBytes: usage.ru_maxrss * 1024,
            allocations: Int(zc_alloc_count()),
            allocatedBytes: Int(zc_alloc_bytes()),
            monotonicNanoseconds: now.tv_sec * 1_000_000_000 + now.tv_nsec
        )
    }
}

private let RUSAGE_THREAD: Int32 = 1
