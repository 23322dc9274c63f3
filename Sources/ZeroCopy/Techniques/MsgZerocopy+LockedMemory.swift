import CShims
import Glibc

extension MsgZerocopy {
    /// The locked-memory limit as MSG_ZEROCOPY meets it. Each send pins its pages until the kernel
    /// reports it complete, and counts them against the user's RLIMIT_MEMLOCK, rounded up by two
    /// pages, unless the process has CAP_IPC_LOCK: net/core/skbuff.c, mm_account_pinned_pages
    /// (`num_pg = (size >> PAGE_SHIFT) + 2`, ENOBUFS when the user's pinned pages would pass
    /// `rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT`). A send larger than that is refused however long
    /// one waits: the demo says so instead of waiting for completions that cannot come.
    public struct LockedMemory: Sendable, Equatable {
        /// The soft limit in bytes; nil when unlimited.
        public let limit: Int?
        /// CAP_IPC_LOCK: no limit applies.
        public let exempt: Bool

        public static func current() -> LockedMemory {
            let limit = zc_locked_memory_limit()
            return LockedMemory(limit: limit < 0 ? nil : Int(limit), exempt: zc_has_ipc_lock_capability() == 1)
        }

        public init(limit: Int?, exempt: Bool) {
            self.limit = limit
            self.exempt = exempt
        }

        /// The largest send the limit lets pin when nothing else of the user's is pinned; nil
        /// when no limit applies.
        public var largestSend: Int? {
            guard !exempt, let limit else { return nil }
            return max(0, (limit / Self.pageSize - 2) * Self.pageSize)
        }

        /// Whether one send of `bytes` fits the limit, as the kernel counts it.
        public func allows(send bytes: Int) -> Bool { largestSend.map { bytes <= $0 } ?? true }

        /// Why a send of `bytes` cannot fit, with the numbers and what to do; nil when it fits.
        /// compare and choose ask before a byte moves, and leave the row out with this.
        public func shortfall(send bytes: Int) -> String? {
            allows(send: bytes) ? nil : explanation(send: bytes)
        }

        /// The limit against a send of `bytes`, as the kernel counts it; nil when none applies.
        func explanation(send bytes: Int) -> String? {
            guard let largest = largestSend, let limit else { return nil }
            var smaller = 1
            while smaller * 2 <= largest { smaller *= 2 }
            let page = Self.pageSize
            return "each send pins its pages against the locked-memory limit (ulimit -l, \(SendRefused.size(limit)) here), "
                + "and one of \(SendRefused.size(bytes)) counts as \(SendRefused.count(bytes / page + 2)) pages where the limit allows "
                + "\(SendRefused.count(limit / page)); "
                + (largest >= 4096
                    ? "use --buffer \(SendRefused.size(smaller, compact: true)) or less, or raise the limit (ulimit -l)"
                    : "raise the limit (ulimit -l)")
        }

        static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A send refused with ENOBUFS while no earlier send awaited its completion: waiting cannot
    /// help. Most likely the locked-memory limit, which this says with the numbers.
    public struct SendRefused: Error, Equatable, Sendable, CustomStringConvertible {
        public let bytes: Int
        public let memory: LockedMemory

        public init(bytes: Int, memory: LockedMemory) {
            self.bytes = bytes
            self.memory = memory
        }

        public var description: String {
            let refused =
                "send(MSG_ZEROCOPY) of \(Self.size(bytes)) failed with ENOBUFS although no earlier send was waiting for its completion"
            guard let explanation = memory.explanation(send: bytes) else {
                return refused
                    + " (no locked-memory limit applies here, so the kernel ran out of socket option memory, net.core.optmem_max)"
            }
            return refused + ": " + explanation
        }

        /// `2,050`.
        static func count(_ value: Int) -> String {
            var digits = String(value)
            var index = digits.count - 3
            while index > 0 {
                digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
                index -= 3
            }
            return digits
        }

        static func size(_ bytes: Int, compact: Bool = false) -> String {
            let units: [(Int, String, String)] = [(30, "GiB", "G"), (20, "MiB", "M"), (10, "KiB", "K")]
            for (shift, unit, letter) in units where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
                return compact ? "\(bytes >> shift)\(letter)" : "\(bytes >> shift) \(unit)"
            }
            return compact ? "\(bytes)" : "\(bytes) bytes"
        }
    }
}
