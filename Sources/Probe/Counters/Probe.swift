import CAllocCounter
import CShims
import Glibc

/// Reads what the kernel counts for the calling thread: /proc/thread-self/io for syscalls and
/// bytes, getrusage(RUSAGE_THREAD) for faults, context switches and the user/system split (the
/// same task counters /proc/thread-self/stat prints, without a second read that would add to
/// the counters), CLOCK_THREAD_CPUTIME_ID for the exact CPU time, the allocation counter,
/// and CLOCK_MONOTONIC. Create it on the thread it is to measure.
public final class Probe {
    private let ioFile: ProcCounterFile?
    /// /proc/self/io, for techniques whose storage I/O other threads of the process may do
    /// (io_uring's io-wq workers): its read_bytes and write_bytes are the process's.
    private let processFile: ProcCounterFile?
    /// Why the /proc counters are missing, in one line; nil when they are read.
    public let unavailable: ProbeUnavailable?

    /// `procRoot` exists so tests and `doctor` can simulate a machine without /proc.
    /// `processStorage` also reads the process's io file, between the thread's own reads, whose
    /// cost to the thread's counters `Delta` subtracts as exactly as the thread file's.
    public init(procRoot: String = Probe.defaultProcRoot, processStorage: Bool = false) {
        processFile = processStorage ? try? ProcCounterFile(path: "\(procRoot)/self/io") : nil
        do {
            let file = try ProcCounterFile(path: "\(procRoot)/thread-self/io")
            if let text = file.read(), IOCounters.parse(text) != nil {
                ioFile = file
                unavailable = nil
            } else {
                ioFile = nil
                unavailable = ProbeUnavailable(
                    reason: "\(procRoot)/thread-self/io has no I/O counters (kernel without CONFIG_TASK_IO_ACCOUNTING?)")
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

    /// A snapshot to open a window: the probe's own work (the io read, getrusage) comes first
    /// and the clocks last, so the probe's cost stays out of the wall and CPU times.
    public func snapshot() -> Snapshot {
        var snapshot = Snapshot()
        readCounters(into: &snapshot)
        readProcessStorage(into: &snapshot)
        readClocks(into: &snapshot)
        return snapshot
    }

    /// A snapshot to close a window: the clocks first, then the counters.
    public func closingSnapshot() -> Snapshot {
        var snapshot = Snapshot()
        readClocks(into: &snapshot)
        readProcessStorage(into: &snapshot)
        snapshot.processReadFirst = true
        readCounters(into: &snapshot)
        return snapshot
    }

    /// The process file is read after the thread's at the start and before it at the end, so
    /// both of its reads fall inside the thread's window, where `Delta` takes them out (and knows
    /// from `processReadFirst` which reads fell inside).
    private func readProcessStorage(into snapshot: inout Snapshot) {
        guard let processFile, let text = processFile.read() else { return }
        snapshot.processIO = IOCounters.parse(text)
        snapshot.processProbeReadBytes = text.count
    }

    private func readCounters(into snapshot: inout Snapshot) {
        if let ioFile, let text = ioFile.read() {
            snapshot.io = IOCounters.parse(text)
            snapshot.probeReadBytes = text.count
        }
        var usage = rusage()
        getrusage(rusageThread, &usage)
        snapshot.minflt = usage.ru_minflt
        snapshot.majflt = usage.ru_majflt
        snapshot.voluntarySwitches = usage.ru_nvcsw
        snapshot.nonvoluntarySwitches = usage.ru_nivcsw
        snapshot.utimeNanoseconds = usage.ru_utime.tv_sec * 1_000_000_000 + usage.ru_utime.tv_usec * 1000
        snapshot.stimeNanoseconds = usage.ru_stime.tv_sec * 1_000_000_000 + usage.ru_stime.tv_usec * 1000
        snapshot.peakRSSBytes = usage.ru_maxrss * 1024
        snapshot.allocations = Int(zc_alloc_count())
        snapshot.allocatedBytes = Int(zc_alloc_bytes())
    }

    private func readClocks(into snapshot: inout Snapshot) {
        var cpu = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu)
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        snapshot.cpuNanoseconds = cpu.tv_sec * 1_000_000_000 + cpu.tv_nsec
        snapshot.monotonicNanoseconds = now.tv_sec * 1_000_000_000 + now.tv_nsec
    }
}

private let rusageThread: Int32 = 1
