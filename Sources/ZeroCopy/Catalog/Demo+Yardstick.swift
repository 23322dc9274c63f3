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

extension Demo {
    /// Serves the sample once as `serve` does, the same server and client, with the body sent by
    /// the demo's C loop: the whole file from its start, which is what the benchmarks ask for.
    public func serveYardstick(
        _ sample: SampleFile, buffer: Int, window: MeasurementWindow, clientWindow: MeasurementWindow, workspace: Workspace,
        client: HTTPClientKind
    ) throws -> Download.Report {
        guard let yardstick else { throw YardstickFailed(demo: id, problem: .none) }
        guard serves else { throw NotATransfer(demo: id, sink: nil) }
        let id = id
        return try Download.run(
            handler: { body in
                guard body.offset == 0 else { throw YardstickFailed(demo: id, problem: .failed(errno: EINVAL)) }
                var job = zcy_job(
                    in: body.file, out: body.socket, copy: -1, size: body.count, buffer: body.buffer, consume: nil, context: nil, moved: 0,
                    queue: 0, state: nil)
                let calls = yardstick.loop(&job)
                if calls < 0 {
                    let code = Glibc.errno
                    try Syscall.checkInterruption(afterFailureWith: code)
                    throw SystemError(.write, errno: code, descriptor: body.socket)
                }
                body.noteSent(body.count)
                return calls
            }, sample: sample, buffer: buffer, window: window, clientWindow: clientWindow, workspace: workspace, client: client)
    }

    /// Runs the demo's C loop on `reception` as the Swift technique runs: the same socket and
    /// file, the loop inside the window, the file left for `verify`.
    public func runYardstick(_ reception: Reception) throws -> TransferReport {
        guard let yardstick else { throw YardstickFailed(demo: id, problem: .none) }
        guard receives else { throw NotATransfer(demo: id, sink: nil) }
        var job = zcy_job(
            in: reception.socket, out: reception.destination, copy: -1, size: reception.sample.size, buffer: reception.buffer,
            consume: nil, context: nil, moved: 0, queue: 0, state: nil)
        let id = id
        let calls = try reception.measure {
            let calls = yardstick.loop(&job)
            if calls < 0 {
                let code = Glibc.errno
                try Syscall.checkInterruption(afterFailureWith: code)
                throw YardstickFailed(demo: id, problem: .failed(errno: code))
            }
            return calls
        }
        return TransferReport(calls: calls)
    }
}
