import CYardstick
import Glibc

/// The same read/write loop, but with a fresh buffer for every chunk, as code does that calls
/// `make([]byte, n)` (Go) or builds a new `[UInt8]` (Swift) per read. The syscalls and copies
/// are those of `read-write`; the difference is one allocation (and its page faults when it is
/// large) per chunk, which the allocation counter measures.
public enum ReadWriteAlloc {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let size = transfer.buffer
        let calls = try transfer.measure {
            var calls = 0
            while true {
                try Interruption.check()
                let chunk = try [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                    initialized = try systemCall("read(\(source), \(size))", path: transfer.sample.path) {
                        read(source, buffer.baseAddress, size)
                    }
                }
                calls += 1
                if chunk.isEmpty { return calls }
                calls += try chunk.withUnsafeBytes { try transfer.sink.deliver($0) }
            }
        }
        return TransferReport(calls: calls)
    }
}

extension Demo {
    public static let readWriteAlloc = Demo(
        id: "read-write-alloc", summary: "the same loop with a fresh buffer allocated for every chunk",
        run: .transfer(ReadWriteAlloc.run), options: [.size, .buffer, .to, .cold],
        reasons: [.direct: "its buffers are Swift arrays, not aligned as O_DIRECT requires; use read-write"], defaultSink: .null,
        memory: { _, buffer in buffer }, yardstick: Yardstick(zcy_read_write_alloc))
}
