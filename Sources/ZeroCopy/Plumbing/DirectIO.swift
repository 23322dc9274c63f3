import CShims
import Glibc

/// O_DIRECT moves bytes between storage and the user's buffer without the page cache. The price
/// is alignment: the buffer's address, the file offset and the length of each request must be
/// multiples of the block size the filesystem asks for (statx's STATX_DIOALIGN tells it; a
/// misaligned request fails with EINVAL). zctour's buffers are page-aligned, so what a learner
/// can get wrong is a request's length, and which lengths a demo asks for depends on the demo:
/// a read loop asks for a whole buffer every time (the last read comes back short, which the
/// kernel allows), pread asks for the whole file at once, sendfile and splice ask for what is
/// left of the file in their last call.
public enum DirectIO {
    /// The page size, which every filesystem's O_DIRECT alignment divides; used when statx
    /// cannot say.
    static let fallbackAlignment = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The offset and length alignment for O_DIRECT on `fd`.
    public static func alignment(fd: Int32) -> (value: Int, known: Bool) {
        var memory: UInt32 = 0
        var offset: UInt32 = 0
        if zc_direct_io_alignment(fd, &memory, &offset) == 0, offset > 0 { return (Int(offset), true) }
        return (fallbackAlignment, false)
    }

    /// The lengths a technique asks O_DIRECT for, so a run the kernel would refuse is refused
    /// before it starts, with the operation named; none other is.
    public enum Requests: Sendable {
        /// `operation` asks for `--buffer` bytes every time, at offsets that are multiples of it.
        case chunks(operation: String)
        /// `operation` asks for the whole file in one request.
        case wholeFile(operation: String)
        /// `operation` asks for `perCall` bytes, and in its last call for what is left.
        case chunksAndRest(operation: String, perCall: Int)
    }

    static func check(fd: Int32, size: Int, buffer: Int, requests: Requests) throws {
        let (alignment, known) = alignment(fd: fd)
        func misaligned(_ operation: String, _ length: Int, _ asked: String, _ advice: String) -> Misaligned {
            Misaligned(operation: operation, length: length, asked: asked, alignment: alignment, known: known, advice: advice)
        }
        switch requests {
        case .chunks(let operation):
            if buffer % alignment != 0 {
                throw misaligned(operation, buffer, "--buffer bytes every time", "use a --buffer that is a multiple of \(alignment)")
            }
        case .wholeFile(let operation):
            if size % alignment != 0 {
                throw misaligned(
                    operation, size, "the whole file (--size) in one request",
                    "use a --size that is a multiple of \(alignment), or read-write --direct, whose reads are each --buffer long "
                        + "and whose last read may come back short")
            }
        case .chunksAndRest(let operation, let perCall):
            if perCall < size && perCall % alignment != 0 {
                throw misaligned(operation, perCall, "--buffer bytes per call", "use a --buffer that is a multiple of \(alignment)")
            }
            let last = perCall >= size ? size : size % perCall
            if last % alignment != 0 {
                throw misaligned(
                    operation, last, perCall >= size ? "the whole file (--size) in one call" : "what is left of the file in its last call",
                    "use a --size that is a multiple of \(alignment), or read-write --direct, whose last read may come back short")
            }
        }
    }

    /// A request length O_DIRECT cannot take here, and which operation would ask for it.
    public struct Misaligned: Error, CustomStringConvertible {
        public let operation: String
        public let length: Int
        /// What the operation asks for, in words: "--buffer bytes every time".
        public let asked: String
        public let alignment: Int
        public let known: Bool
        public let advice: String
        public var description: String {
            "--direct: \(operation) asks for \(asked), and O_DIRECT needs every request's length to be a multiple of "
                + "\(alignment) bytes "
                + (known ? "(this file's O_DIRECT alignment, from statx)" : "(the page size; the kernel did not say the file's alignment)")
                + "; \(length) is not, so the kernel would refuse it (EINVAL); \(advice)"
        }
    }
}
