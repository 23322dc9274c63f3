/// A measured window backed by a probe. The probe is created at the first `begin()`, on the
/// thread that calls it, which is how a receiver thread gets counters of its own.
public final class ProbeWindow: @unchecked Sendable {
    private let procRoot: String
    private let processStorage: Bool
    private var probe: Probe?
    private var start: Snapshot?
    /// The last completed window's delta.
    public private(set) var delta: Delta?

    /// `processStorage`: also the process's read_bytes and write_bytes (see `Probe`).
    public init(procRoot: String = Probe.defaultProcRoot, processStorage: Bool = false) {
        self.procRoot = procRoot
        self.processStorage = processStorage
    }

    /// Why /proc counters are missing, once the window has run.
    public var unavailable: ProbeUnavailable? { probe?.unavailable }

    public func begin() {
        if probe == nil { probe = Probe(procRoot: procRoot, processStorage: processStorage) }
        start = probe?.snapshot()
    }

    public func end() {
        guard let probe, let start else { return }
        let end = probe.closingSnapshot()
        delta = Delta(from: start, to: end)
    }
}
