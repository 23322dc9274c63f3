import CShims
import Glibc

/// What a technique reports of itself besides the bytes: how many transfer syscalls it issued
/// (reads, writes, sendfiles), and facts worth showing (e.g. the mapping's length).
public struct TransferReport: Sendable, Equatable {
    public let calls: Int
    public let notes: [String]
    /// MSG_ZEROCOPY's completion notifications, for the demo that reads them.
    public let completions: MsgZerocopy.Completions?
    /// The ring demos' operations, counted from their completions.
    public let ring: RingOperations?

    public init(calls: Int, notes: [String] = [], completions: MsgZerocopy.Completions? = nil, ring: RingOperations? = nil) {
        self.calls = calls
        self.notes = notes
        self.completions = completions
        self.ring = ring
    }
}
