/// The stretch of a demo that is measured. A demo calls `begin()` once everything is set up
/// (files open, socket connected, buffers ready when the technique reuses them) and `end()`
/// once the bytes have arrived, so set-up and verification never pollute the counters.
/// ZeroCopy knows nothing of what is measured; the tour passes a probe-backed window.
public protocol MeasurementWindow: AnyObject {
    func begin()
    func end()
}

/// A window that measures nothing, for callers that only want the bytes moved.
public final class UnmeasuredWindow: MeasurementWindow {
    public init() {}
    public func begin() {}
    public func end() {}
}
