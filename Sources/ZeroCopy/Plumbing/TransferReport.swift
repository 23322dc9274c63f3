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
    /// The process's mappings before and after a loop of mappings (mmap-leak, mmap-defer).
    public let mappings: MappingGrowth?
    /// The free space of a deleted file's filesystem, at unlink and at munmap (mmap-unlinked).
    public let space: HeldSpace?

    public init(
        calls: Int, notes: [String] = [], completions: MsgZerocopy.Completions? = nil, ring: RingOperations? = nil,
        mappings: MappingGrowth? = nil, space: HeldSpace? = nil
    ) {
        self.calls = calls
        self.notes = notes
        self.completions = completions
        self.ring = ring
        self.mappings = mappings
        self.space = space
    }
}
