import Glibc

/// A window that is probed and, for the tracer, marked: markers inside the probe's snapshots,
/// so the tracer sees exactly the demo's syscalls and none of the probe's.
public final class MarkedProbeWindow: @unchecked Sendable {
    public let probe: ProbeWindow

    public init(procRoot: String = Probe.defaultProcRoot, processStorage: Bool = false) {
        probe = ProbeWindow(procRoot: procRoot, processStorage: processStorage)
    }

    public func begin() {
        probe.begin()
        TraceMarker.begin()
    }

    public func end() {
        TraceMarker.end()
        probe.end()
    }
}
