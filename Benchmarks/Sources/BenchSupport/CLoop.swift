import CLoops
import Glibc
import Syscalls
import ZeroCopy

/// The C counterpart of a demo: the same syscalls in the same order, as plain C would make
/// them (`Benchmarks/Sources/CLoops`). Matched by the demo's id, so a demo that main adds later
/// (`splice`, `copy-file-range`) finds its loop by name, and one without a loop is said to
/// have none rather than compared with something else.
public enum CLoop: String, CaseIterable, Sendable {
    case readWrite = "read-write"
    case readWriteAlloc = "read-write-alloc"
    case pread
    case mmap
    case mmapCopy = "mmap-copy"
    case sendfile
    case splice
    case tee
    case copyFileRange = "copy-file-range"
    case msgZerocopy = "msg-zerocopy"

    public init?(_ demo: Demo) {
        self.init(rawValue: demo.rawValue)
    }

    /// Whether the bytes pass through user space, where a /dev/null sink's consumer sees them.
    var seesBytes: Bool {
        switch self {
        case .sendfile, .splice, .tee, .copyFileRange, .msgZerocopy: false
        default: true
        }
    }

    /// Sets the sink up before the window, as the Swift demo does: SO_ZEROCOPY for msg-zerocopy,
    /// which wants a TCP socket (the demo refuses any other sink, and so does this).
    func prepare(sink: Sink) throws {
        guard self == .msgZerocopy else { return }
        guard sink.kind == .socket else { throw UnsupportedSink(.sendZerocopy, needs: .socket, given: sink.kind) }
        try Syscall.value(.enableZerocopy, descriptor: sink.fd) { zcb_zerocopy_enable(sink.fd) }
    }

    /// Runs the loop from `source` into `sink.fd`. `buffer` is the demo's per-chunk or per-call
    /// size. Returns the bytes moved that the kernel reports for kernel-side loops (nil when
    /// the bytes went through `consume`), or throws `CLoopFailed` with the failing errno. `copy` is tee's second
    /// destination.
    func run(
        source: Int32, size: Int, buffer: Int, sink: Int32, copy: Int32, consume: zcb_consume?,
        context: UnsafeMutableRawPointer?
    ) throws -> Int? {
        var moved = 0
        let calls: Int
        switch self {
        case .readWrite: calls = zcb_read_write(source, sink, buffer, consume, context)
        case .readWriteAlloc: calls = zcb_read_write_alloc(source, sink, buffer, consume, context)
        case .pread: calls = zcb_pread_whole(source, sink, size, consume, context)
        case .mmap: calls = zcb_mmap_write(source, sink, size, consume, context)
        case .mmapCopy: calls = zcb_mmap_copy(source, sink, size, buffer, consume, context)
        case .sendfile: calls = zcb_sendfile(source, sink, size, buffer, &moved)
        case .splice: calls = zcb_splice(source, sink, size, buffer, &moved)
        case .tee: calls = zcb_tee(source, sink, copy, size, buffer, &moved)
        case .copyFileRange: calls = zcb_copy_file_range(source, sink, size, buffer, &moved)
        case .msgZerocopy: calls = zcb_msg_zerocopy(source, sink, size, buffer, &moved)
        }
        if calls < 0 { throw CLoopFailed(loop: self, errno: errno) }
        return seesBytes ? nil : moved
    }
}
