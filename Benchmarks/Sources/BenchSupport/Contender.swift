import CLoops
import Glibc
import Syscalls
import ZeroCopy

/// One side of a comparison: a Swift demo as zctour runs it, or its C loop. Both are run the
/// same way: the sample opened and the sink connected first, the window around the transfer
/// and the sink's drain only, the bytes verified at the destination afterwards, so a fast wrong
/// run cannot count.
public enum Contender: Sendable, Equatable {
    case swift(Demo)
    case c(CLoop)

    public var name: String {
        switch self {
        case .swift(let demo): "\(demo.rawValue) (Swift)"
        case .c(let loop): "\(loop.rawValue) (C)"
        }
    }

    /// Moves `sample` into a new sink of `kind`; `window` sees the transfer only.
    public func run(_ sample: SampleFile, to kind: SinkKind, in fixture: Fixture, buffer: Int, window: MeasurementWindow)
        throws
    {
        let sink = try Sink.open(kind, in: fixture.workspace, peerWindow: UnmeasuredWindow())
        switch self {
        case .swift(let demo):
            guard let technique = demo.technique else { throw NotAFileDemo(demo: demo) }
            _ = try technique(Transfer(sample: sample, sink: sink, buffer: buffer, window: window, workspace: fixture.workspace))
            try sink.verify(against: sample).require()
        case .c(let loop):
            try runC(loop, sample: sample, sink: sink, buffer: buffer, window: window)
        }
    }

    private func runC(_ loop: CLoop, sample: SampleFile, sink: Sink, buffer: Int, window: MeasurementWindow) throws {
        let source = try Syscall.value(.open, path: sample.path) { open(sample.path, O_RDONLY | O_CLOEXEC) }
        defer { close(source) }
        let copy = loop == .tee ? try SecondDestination(beside: sample) : nil
        try loop.prepare(sink: sink)
        var sum = Checksum()
        let consumes = sink.kind == .null && loop.seesBytes
        let moved = try withUnsafeMutablePointer(to: &sum) { context in
            window.begin()
            defer { window.end() }
            let moved = try loop.run(
                source: source, size: sample.size, buffer: buffer, sink: sink.fd, copy: copy?.fd ?? -1,
                consume: consumes ? consumeIntoChecksum : nil, context: UnsafeMutableRawPointer(context))
            try sink.finish()
            return moved
        }
        try copy?.verify(against: sample)
        if sink.kind == .null {
            let verification =
                consumes
                ? Verification(
                    bytes: sum.bytes, checksum: sum.value, expectedBytes: sample.size,
                    expectedChecksum: sample.checksum, method: .userSpace)
                : Verification(
                    bytes: moved ?? 0, checksum: nil, expectedBytes: sample.size,
                    expectedChecksum: sample.checksum, method: .byteCountOnly)
            try verification.require()
        } else {
            try sink.verify(against: sample).require()
        }
    }
}

/// tee's second destination for the C loop, made as the Swift demo makes its own: a new file
/// beside the sample, read back and checksummed after the window, removed at the end.
final class SecondDestination {
    let path: String
    let fd: Int32

    init(beside sample: SampleFile) throws {
        path = sample.path + ".tee-copy"
        let path = path
        fd = try Syscall.value(.open, path: path) { open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
    }

    func verify(against sample: SampleFile) throws {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var sum = Checksum()
        var offset = 0
        while true {
            let count = try Syscall.value(.pread, path: path, descriptor: fd) { pread(fd, buffer, chunk, off_t(offset)) }
            if count == 0 { break }
            sum.update(buffer, count: count)
            offset += count
        }
        try Verification(
            bytes: sum.bytes, checksum: sum.value, expectedBytes: sample.size,
            expectedChecksum: sample.checksum, method: .readBack
        ).require()
    }

    deinit {
        close(fd)
        unlink(path)
    }
}

/// The C loops' consumer on /dev/null: the same streaming checksum the Swift sink computes.
private let consumeIntoChecksum: zcb_consume = { context, bytes, count in
    guard let context, let bytes else { return }
    context.assumingMemoryBound(to: Checksum.self).pointee.update(bytes, count: count)
}

public struct NotAFileDemo: Error, CustomStringConvertible {
    public let demo: Demo
    public var description: String { "\(demo.rawValue) works in memory, not on a file" }
}
