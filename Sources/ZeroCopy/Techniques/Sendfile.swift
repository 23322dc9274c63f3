import CYardstick
import Glibc
import Syscalls

/// sendfile(2): the kernel moves the file's page-cache pages to the destination itself; the
/// bytes never enter user space. /proc still adds them to rchar and wchar and counts each call
/// once in syscr and once in syscw, because sendfile is accounted as a read and a write.
/// Go's `io.Copy` from an `*os.File` to a `*net.TCPConn` does this by itself; Foundation's
/// FileHandle has no such path, so zctour calls Glibc's sendfile directly.
public enum Sendfile {
    /// The largest count Linux moves in one call (MAX_RW_COUNT).
    public static let maximumPerCall = 0x7FFF_F000

    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource(
            requests: .chunksAndRest(operation: "sendfile(2)", perCall: min(transfer.buffer, Sendfile.maximumPerCall)))
        defer { close(source) }
        let out = transfer.sink.fd
        let calls = try transfer.measure {
            let (sent, calls) = try transfer.kernelLoop { count in
                try Syscall.value(.sendfile, path: transfer.sample.path, descriptor: out) { Glibc.sendfile(out, source, nil, count) }
            }
            transfer.sink.noteKernelDelivery(sent)
            return calls
        }
        return TransferReport(calls: calls)
    }
}

extension Demo {
    public static let sendfile = Demo(
        id: "sendfile", summary: "sendfile(2): the kernel moves the file to the sink itself",
        run: .transfer(Sendfile.run), options: [.size, .buffer, .to, .cold, .direct], defaultSink: .socket,
        defaultBuffer: { size in min(size, Sendfile.maximumPerCall) }, memory: { _, _ in 0 }, kernelSide: true,
        yardstick: Yardstick(zcy_sendfile))
}
