import Synchronization

/// Bytes a transfer has moved so far, for a progress line drawn by another thread. The thread
/// doing the work only adds to it, one relaxed load and store per chunk (it is the only
/// writer), with no lock, syscall or allocation, so a measured window stays as it was; the
/// reader may see a value a moment old, which is all a progress line needs.
public final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)

    public init() {}

    @inline(__always)
    public func add(_ count: Int) {
        done.store(done.load(ordering: .relaxed) &+ count, ordering: .relaxed)
    }

    public var value: Int { done.load(ordering: .relaxed) }
}
