import Glibc

/// A read-only private mapping of a whole file, as the mapping demos make it.
enum FileMapping {
    static func map(_ fd: Int32, size: Int, path: String) throws -> UnsafeMutableRawPointer {
        guard size > 0 else { throw SystemError(call: "mmap(NULL, 0, PROT_READ, MAP_PRIVATE, \(fd), 0)", errno: EINVAL, path: path) }
        let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapping, mapping != MAP_FAILED else {
            throw SystemError(call: "mmap(NULL, \(size), PROT_READ, MAP_PRIVATE, \(fd), 0)", errno: Glibc.errno, path: path)
        }
        return mapping
    }
}
