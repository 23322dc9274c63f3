import Syscalls

extension Ring {
    /// An operation of a wave failed (its CQE's negative result) or moved less than asked, which
    /// for a regular file or a linked chain means the transfer cannot be trusted: the demo stops.
    public struct OperationFailed: Error, Sendable, Equatable, CustomStringConvertible {
        /// The kernel's name of the opcode: READ, SPLICE, SEND_ZC.
        public let opcode: String
        /// Its place in the wave, from 0.
        public let position: Int
        public let errno: Int32?
        public let moved: Int?
        public let asked: Int?

        public var description: String {
            if let errno {
                return "IORING_OP_\(opcode) (operation \(position) of its wave) failed: \(Errno(errno))"
            }
            return "IORING_OP_\(opcode) (operation \(position) of its wave) moved \(moved ?? 0) of \(asked ?? 0) bytes"
        }
    }

    /// A wave larger than the ring it was sized for: a mistake in the demo, not in the input.
    struct WaveTooLarge: Error, CustomStringConvertible {
        let capacity: Int
        var description: String { "a wave of more than the ring's \(capacity) operations" }
    }
}
