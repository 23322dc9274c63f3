import CYardstick
import Glibc
import Syscalls

/// splice(2) through the ring (IORING_OP_SPLICE): file → pipe → sink, as the splice demo does,
/// but a wave of up to `--queue` chunks per io_uring_enter. The wave is one linked chain of two
/// splices per chunk through one pipe: the kernel runs a chain in order, which keeps the bytes in
/// order through the single pipe. io_uring always hands SPLICE to an io-wq worker thread, so the
/// syscalls leave the demo's thread, but the work does not leave the process. /proc/<pid>/io
/// counts splice nowhere, as the splice demo shows, and does not count io_uring_enter.
public enum UringSplice {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let pipe = try Pipe(capacity: transfer.buffer)
        let (size, queue, sink) = (transfer.sample.size, transfer.queue, transfer.sink)
        let chunk = UringSplice.chunk(buffer: transfer.buffer, pipe: pipe.capacity)
        let ring = try Ring(operations: 2 * queue, needs: [.splice])
        defer { ring.close() }
        let calls = try transfer.measure {
            try ring.waves(
                size: size, chunk: chunk, queue: queue,
                submit: { offset, count, _, last in
                    try ring.splice(from: source, at: offset, to: pipe.write, at: -1, count: count, chain: .linked)
                    try ring.splice(
                        from: pipe.read, at: -1, to: sink.fd, at: sink.kind == .file ? offset : -1, count: count,
                        chain: last ? [] : .linked)
                },
                failure: { error, _ in error.errno == EPIPE || error.errno == ECONNRESET ? sink.receiverFailure() : nil })
            sink.noteKernelDelivery(size)
            return ring.enters
        }
        var note =
            "a pipe of \(Pipe.describe(pipe.capacity)) (F_SETPIPE_SZ); \(queue == 1 ? "waves of 1 chunk" : "waves of up to \(queue) chunks") of \(Pipe.describe(chunk)), "
            + "each spliced file → pipe, then pipe → sink, the wave one linked chain in one io_uring_enter"
        if transfer.buffer > chunk {
            note += "; --buffer asked for \(Pipe.describe(transfer.buffer)) per splice, but the pipe holds \(Pipe.describe(chunk)) a chunk"
        }
        return TransferReport(calls: calls, notes: [note], ring: ring.report(queue: queue))
    }

    /// The bytes one chunk may take through a pipe of `pipe` bytes: the buffer, at most the pipe,
    /// and a page less when a chunk that does not start on a page could span one page more than
    /// the pipe has slots for (a short splice would cancel the rest of the chain).
    public static func chunk(buffer: Int, pipe: Int) -> Int {
        let page = DirectIO.fallbackAlignment
        let chunk = min(buffer, pipe)
        return chunk % page != 0 && chunk > pipe - page ? pipe - page : chunk
    }
}

extension Demo {
    public static let uringSplice = Demo(
        id: "uring-splice", summary: "io_uring: SPLICE file → pipe → sink, a wave of --queue chunks per io_uring_enter",
        run: .transfer(UringSplice.run), options: [.size, .buffer, .to, .cold, .direct, .queue], defaultSink: .socket,
        blindSpot: .ioCounters("/proc/<pid>/io accounts splice nowhere, through the ring or not, nor io_uring_enter"),
        memory: { _, _ in 0 }, kernelSide: true, storageByWorkers: true,
        yardstick: Yardstick(zcy_uring_splice, setUp: zcy_uring_splice_set_up, tearDown: zcy_uring_tear_down))
}
