import Glibc

/// mmap(2) maps the file's page-cache pages into the process: no read syscall and no copy into
/// a buffer. The cost moves to page faults, fewer than pages thanks to fault-around (the kernel
/// maps up to `fault_around_bytes` of neighbouring cached pages per fault) and large folios.
public enum Mapping {
    /// Maps the sample and hands the mapping itself to the sink: checksummed straight from the
    /// mapping on `null`, written from the mapping to a file or socket (the kernel then takes the
    /// faults inside write).
    public static func mapped(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let size = transfer.sample.size
        let calls = try transfer.measure {
            let mapping = try map(source, size: size, path: transfer.sample.path)
            defer { munmap(mapping, size) }
            return try transfer.sink.deliver(mapping, count: size)
        }
        return TransferReport(calls: calls, notes: ["mapped \(size) bytes PROT_READ, MAP_PRIVATE"])
    }

    /// Maps the sample, then copies it out chunk by chunk into a reused buffer, which is what
    /// `golang.org/x/exp/mmap`'s `ReaderAt.ReadAt` does: the copy that mmap was meant to save.
    public static func mappedCopy(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let size = transfer.sample.size
        let chunk = transfer.buffer
        let calls = try transfer.measure {
            let mapping = try map(source, size: size, path: transfer.sample.path)
            defer { munmap(mapping, size) }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
            defer { buffer.deallocate() }
            var offset = 0
            var calls = 0
            while offset < size {
                try Interruption.check()
                let count = min(chunk, size - offset)
                buffer.copyMemory(from: mapping + offset, byteCount: count)
                calls += try transfer.sink.deliver(buffer, count: count)
                offset += count
            }
            return calls
        }
        return TransferReport(calls: calls, notes: ["mapped \(size) bytes, copied out in \(chunk)-byte chunks"])
    }

    static func map(_ fd: Int32, size: Int, path: String) throws -> UnsafeMutableRawPointer {
        guard size > 0 else { throw SystemError(call: "mmap(NULL, 0, PROT_READ, MAP_PRIVATE, \(fd), 0)", errno: EINVAL, path: path) }
        let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapping, mapping != MAP_FAILED else {
            throw SystemError(call: "mmap(NULL, \(size), PROT_READ, MAP_PRIVATE, \(fd), 0)", errno: Glibc.errno, path: path)
        }
        return mapping
    }
}
