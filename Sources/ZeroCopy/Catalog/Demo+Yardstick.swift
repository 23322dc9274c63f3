import CYardstick
import Glibc
import Syscalls

extension Demo {
    /// Runs the demo's C loop on `transfer` the way the Swift demo runs: the source opened and the
    /// sink prepared before the window, the window around the loop and the sink's drain, and the
    /// bytes left for `sink.verify` (a second copy, tee's, checked here). Returns the loop's
    /// transfer syscalls, which the tests hold against the Swift demo's.
    public func runYardstick(_ transfer: Transfer) throws -> TransferReport {
        guard let yardstick else { throw YardstickFailed(demo: id, problem: .none) }
        guard movesFile, sinks.contains(transfer.sink.kind) else { throw NotATransfer(demo: id, sink: transfer.sink.kind) }
        let sink = transfer.sink
        let source = try transfer.openSource()
        defer { close(source) }
        if let prepare = yardstick.prepare, prepare(sink.fd) != 0 {
            throw YardstickFailed(demo: id, problem: .failed(errno: Glibc.errno))
        }
        let copyPath = transfer.workspace.file("yardstick-copy.bin")
        let copy =
            writesSecondFile
            ? try Syscall.value(.open, path: copyPath) { open(copyPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) } : -1
        defer {
            if copy >= 0 {
                close(copy)
                unlink(copyPath)
            }
        }
        var job = zcy_job(
            in: source, out: sink.fd, copy: copy, size: transfer.sample.size, buffer: transfer.buffer,
            consume: sink.kind == .null && !kernelSide ? noteDelivery : nil, context: Unmanaged.passUnretained(sink).toOpaque(),
            moved: 0, queue: options.contains(.queue) ? transfer.queue : 0, state: nil)
        if let setUp = yardstick.setUp, setUp(&job) != 0 {
            let code = Glibc.errno
            yardstick.tearDown?(&job)
            throw YardstickFailed(demo: id, problem: .failed(errno: code))
        }
        defer { yardstick.tearDown?(&job) }
        let calls = try transfer.measure {
            let calls = yardstick.loop(&job)
            if calls == -2 { throw YardstickFailed(demo: id, problem: .unfinishedSends) }
            if calls < 0 {
                let code = Glibc.errno
                try Syscall.checkInterruption(afterFailureWith: code)
                throw YardstickFailed(demo: id, problem: .failed(errno: code))
            }
            return calls
        }
        if kernelSide { sink.noteKernelDelivery(job.moved) }
        if writesSecondFile {
            let sum = try Sink.checksumOfFile(copyPath)
            try Verification(bytes: sum.bytes, checksum: sum.value, expected: transfer.sample, where: .readBack).require()
        }
        return TransferReport(calls: calls)
    }
}

/// The yardstick's consumer on /dev/null: the sink checksums what passed through user space.
private let noteDelivery: zcy_consume = { context, bytes, count in
    guard let context, let bytes else { return }
    Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue().noteUserDelivery(bytes, count: count)
}
