import Glibc
import ZeroCopy

/// A measurement window that notes CLOCK_MONOTONIC (wall) and CLOCK_THREAD_CPUTIME_ID (the
/// calling thread's CPU time, which waiting for a core does not add to) at its edges, and hands the edges on to
/// another window (package-benchmark's start/stop, or a probe), so that every contender, Swift
/// demo or C loop, is timed over exactly the same stretch: sources open and sinks connected
/// before it, verification after it.
public final class ClockWindow: MeasurementWindow {
    private let inner: MeasurementWindow?
    private var start = 0
    private var cpuStart = 0
    public private(set) var nanoseconds = 0
    public private(set) var cpuNanoseconds = 0

    public init(forwardingTo inner: MeasurementWindow? = nil) {
        self.inner = inner
    }

    public func begin() {
        inner?.begin()
        cpuStart = ClockWindow.now(CLOCK_THREAD_CPUTIME_ID)
        start = ClockWindow.now()
    }

    public func end() {
        nanoseconds = ClockWindow.now() - start
        cpuNanoseconds = ClockWindow.now(CLOCK_THREAD_CPUTIME_ID) - cpuStart
        inner?.end()
    }

    public static func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Int {
        var time = timespec()
        clock_gettime(clock, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}
