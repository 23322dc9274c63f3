import CShims
import Glibc

/// O_DIRECT moves bytes between storage and the user's buffer without the page cache. The price
/// is alignment: the buffer's address, the file offset and the length of each read must be
/// multiples of the block size the filesystem asks for (statx's STATX_DIOALIGN tells it; a
/// misaligned read fails with EINVAL). zctour's buffers are page-aligned, so the rule that
/// matters to a learner is the buffer size.
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

    static func check(fd: Int32, length: Int, option: String) throws {
        let (alignment, known) = alignment(fd: fd)
        guard length % alignment == 0 else { throw Misaligned(option: option, length: length, alignment: alignment, known: known) }
    }

    /// A buffer size O_DIRECT cannot use here.
    public struct Misaligned: Error, CustomStringConvertible {
        public let option: String
        public let length: Int
        public let alignment: Int
        public let known: Bool
        public var description: String {
            "--direct needs \(option) to be a multiple of \(alignment) bytes "
                + (known ? "(this file's O_DIRECT alignment, from statx)" : "(the page size; the kernel did not say the file's alignment)")
                + "; \(length) is not"
        }
    }
}
