import CShims
import CYardstick
import Glibc
import Syscalls

/// splice(2) moves pages between a file or socket and a pipe without copying them to user
/// space: the pipe is the kernel's buffer, holding references to page-cache pages. A file goes
/// to a socket as file → pipe → socket, two splices per chunk. /proc/<pid>/io does not account
/// splice at all: syscr, syscw, rchar and wchar stay at 0 however many bytes move, which is why
/// the tour shows its calls through the tracer.
///
/// vmsplice(2) is the user-space side: it hands the pages of a user buffer to a pipe (and the
/// buffer must then stay untouched until they are consumed, which is why it is rarely worth its
/// rules). tee(2) has a demo of its own (Tee.swift).
public enum Splice {
    /// The largest pipe zctour asks for: /proc/sys/fs/pipe-max-size's default, the most an
    /// unprivileged process may have, so the demo does the same as root or not.
    public static let largestPipe = 1 << 20

    /// Splices the sample into the sink through one pipe sized to the buffer.
    static func run(_ transfer: Transfer) throws -> TransferReport {
        // The pipe holds at most largestPipe, so no splice asks for more.
        let source = try transfer.openSource(
            requests: .chunksAndRest(operation: "splice(2)", perCall: min(transfer.buffer, Splice.largestPipe)))
        defer { close(source) }
        let pipe = try Pipe(capacity: transfer.buffer)
        let size = transfer.sample.size
        let out = transfer.sink.fd
        let chunk = min(transfer.buffer, pipe.capacity)
        let calls = try transfer.measure {
            var moved = 0
            var calls = 0
            while moved < size {
                try Interruption.check()
                let filled = try pipe.fill(from: source, count: min(chunk, size - moved), path: transfer.sample.path)
                calls += 1
                if filled == 0 { break }
                calls += try pipe.drain(filled, to: out, sink: transfer.sink)
                moved += filled
            }
            transfer.sink.noteKernelDelivery(moved)
            return calls
        }
        var note = "a pipe of \(Pipe.describe(pipe.capacity)) (F_SETPIPE_SZ); each chunk is spliced file → pipe, then pipe → sink"
        if transfer.buffer > chunk {
            note +=
                "; --buffer asked for \(Pipe.describe(transfer.buffer)) per splice, but a pipe holds at most "
                + "\(Pipe.describe(chunk)) here, so each splice moved that"
        }
        return TransferReport(calls: calls, notes: [note])
    }
}

extension Demo {
    public static let splice = Demo(
        id: "splice", summary: "splice(2): file → pipe → sink, the pipe as the kernel's buffer",
        run: .transfer(Splice.run), options: [.size, .buffer, .to, .cold, .direct], defaultSink: .socket,
        blindSpot: .ioCounters("/proc/<pid>/io does not account splice or tee at all"), memory: { _, _ in 0 }, kernelSide: true,
        yardstick: Yardstick(zcy_splice))
}
