import CYardstick
import Glibc

/// The traditional copy: read(2) a chunk into one reusable user-space buffer, write(2) it out.
/// Every chunk crosses the kernel/user boundary twice and is copied twice (page cache → buffer,
/// buffer → destination). Go's `io.CopyBuffer` is this loop. The read that returns 0 at end
/// of file is a syscall too, and /proc counts it.
public enum ReadWrite {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let size = transfer.buffer
        let calls = try transfer.measure {
            // Page-aligned, as O_DIRECT (--direct) requires of the buffer's address.
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
            defer { buffer.deallocate() }
            var calls = 0
            while true {
                try Interruption.check()
                let count = try systemCall("read(\(source), \(size))", path: transfer.sample.path) {
                    read(source, buffer, size)
                }
                calls += 1
                if count == 0 { return calls }
                calls += try transfer.sink.deliver(buffer, count: count)
            }
        }
        return TransferReport(calls: calls)
    }
}

extension Demo {
    public static let readWrite = Demo(
        id: "read-write", summary: "read(2)/write(2) through one reused buffer (Go's io.CopyBuffer)",
        run: .transfer(ReadWrite.run), options: [.size, .buffer, .to, .cold, .direct], defaultSink: .null,
        memory: { _, buffer in buffer }, yardstick: Yardstick(zcy_read_write))
}
