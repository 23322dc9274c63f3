import Glibc

extension Syscall {
    /// Writes every byte of `bytes` to `fd`, as many write(2) calls as the kernel needs (a pipe
    /// or socket takes what fits, a signal can cut a write short), and returns the number of
    /// calls, which the demos count. Nothing to write makes no call. A write that reports 0
    /// bytes for a non-empty buffer would loop for ever; it throws, without an errno.
    @inlinable
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String? = nil) throws -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var written = 0
        var calls = 0
        while written < bytes.count {
            let count = try value(.write, path: path, descriptor: fd) { Glibc.write(fd, base + written, bytes.count - written) }
            calls += 1
            if count == 0 { throw SystemError(.write, errno: nil, path: path, descriptor: fd) }
            written += count
        }
        return calls
    }

    /// Writes the UTF-8 of `text`; see `writeAll(_:_:path:)`.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ text: String, path: String? = nil) throws -> Int {
        var text = text
        return try text.withUTF8 { try writeAll(fd, UnsafeRawBufferPointer($0), path: path) }
    }

    /// Reads `fd` to its end (a read that returns 0), for files whose size cannot be known
    /// first: /proc files report 0, a pipe has none. More than `limit` bytes throws
    /// `ReadLimitExceeded` instead of filling memory with a file that was never meant to be big.
    public static func readAll(_ fd: Int32, limit: Int, path: String? = nil) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let chunk = 64 << 10
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try value(.read, path: path, descriptor: fd) { Glibc.read(fd, buffer, chunk) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: count))
            if bytes.count > limit { throw ReadLimitExceeded(limit: limit, path: path, descriptor: fd) }
        }
    }

    /// Opens `path` read-only, reads it to its end and closes it; see `readAll(_:limit:path:)`.
    public static func readAll(path: String, limit: Int) throws -> [UInt8] {
        let fd = try value(.open, path: path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        return try readAll(fd, limit: limit, path: path)
    }
}
