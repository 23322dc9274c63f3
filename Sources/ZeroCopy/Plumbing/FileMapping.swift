import Glibc
import Syscalls

/// A read-only private mapping of a whole file, as the mapping demos make it.
enum FileMapping {
    /// The mapping; mmap(2) itself refuses an empty file (EINVAL), and says so through the layer.
    static func map(_ fd: Int32, size: Int, path: String) throws -> UnsafeMutableRawPointer {
        try Syscall.pointer(.mmap, path: path, descriptor: fd, failure: MAP_FAILED) { mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0) }
    }
}
