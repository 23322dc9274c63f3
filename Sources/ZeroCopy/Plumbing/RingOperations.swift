/// What went through a ring in a demo's window, counted from the completions the demo reaped:
/// the kernel's own account of the operations, beside the io_uring_enter calls that carried them.
/// /proc/<pid>/io sees none of these operations; a tracer sees only the enters.
public struct RingOperations: Sendable, Equatable, Codable {
    /// Operations in flight per io_uring_enter (`--queue`).
    public let queue: Int
    /// io_uring_enter calls: the syscalls of the window.
    public let enters: Int
    /// SQEs the kernel consumed (the sum of io_uring_enter's results).
    public let submitted: Int
    /// Completions (CQEs) reaped for them, notifications not included.
    public let completed: Int
    /// Of those, the ones with a negative result.
    public let failed: Int
    /// By opcode, in the order the demo uses them.
    public let opcodes: [Opcode]
    /// SEND_ZC only: notification CQEs (IORING_CQE_F_NOTIF), and how many of them carried
    /// IORING_NOTIF_USAGE_ZC_COPIED (the kernel copied after all).
    public let notifications: Int?
    public let zerocopyCopied: Int?

    public struct Opcode: Sendable, Equatable, Codable {
        /// The kernel's name, after IORING_OP_: READ, WRITE_FIXED, SEND_ZC.
        public let name: String
        public let submitted: Int
        public let completed: Int
        public let failed: Int
    }

    enum CodingKeys: String, CodingKey {
        case queue, enters, submitted, completed, failed, opcodes, notifications
        case zerocopyCopied = "zc_copied"
    }

    /// The opcodes the ring demos use, by the kernel's names.
    public static let opcodeNames = Ring.Opcode.allCases.map(\.name)

    /// Operations of `name` (any case) submitted, or nil when the demo used none.
    public func submitted(_ name: String) -> Int? {
        opcodes.first { $0.name == name.uppercased() }?.submitted
    }
}
