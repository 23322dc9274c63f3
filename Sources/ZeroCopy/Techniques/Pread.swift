import CYardstick
import Glibc
import Syscalls

/// The "standard read" side of the mmap comparison: one buffer as large as the file, filled by
/// pread(2), then handed on. One syscall (or a few) moves everything, but the kernel copies it
/// all into the buffer, and a fresh large buffer takes a page fault for every page it touches.
public enum Pread {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource(requests: .wholeFile(operation: "pread(2)"))
        defer { close(source) }
        let size = transfer.sample.size
        let calls = try transfer.measure {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 4096)
            defer { buffer.deallocate() }
            var filled = 0
            var calls = 0
            while filled < size {
                try Interruption.check()
                let count = try Syscall.value(.pread, path: transfer.sample.path, descriptor: source) {
                    pread(source, buffer + filled, size - filled, off_t(filled))
                }
                calls += 1
                if count == 0 { break }
                filled += count
            }
            return calls + (try transfer.sink.deliver(buffer, count: filled))
        }
        return TransferReport(calls: calls)
    }
}

extension Demo {
    public static let pread = Demo(
        id: "pread", summary: "the whole file read into one large buffer with pread(2)",
        run: .transfer(Pread.run), options: [.size, .to, .cold, .direct],
        reasons: [.buffer: "it reads the whole file into one buffer of the file's size"], defaultSink: .null,
        defaultBuffer: { size in size }, memory: { size, _ in size }, yardstick: Yardstick(zcy_pread))
}
