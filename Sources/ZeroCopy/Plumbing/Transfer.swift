import CShims
import Glibc
import Syscalls

/// One run of a file technique: the sample to move, the open sink, the buffer size asked for,
/// and the window to measure. Techniques open what they need, then call `measure`.
public struct Transfer {
    public let sample: SampleFile
    public let sink: Sink
    public let buffer: Int
    public let window: MeasurementWindow
    /// Read the sample with O_DIRECT: from storage into the buffer, past the page cache.
    public let direct: Bool
    /// Where a technique may put a second destination of its own (tee's copy).
    public let workspace: Workspace
    /// Operations in flight per io_uring_enter, for the ring demos (`--queue`).
    public let queue: Int

    /// The ring demos' `--queue` when none is given.
    public static let defaultQueue = 8

    public init(
        sample: SampleFile, sink: Sink, buffer: Int, window: MeasurementWindow, direct: Bool = false, workspace: Workspace,
        queue: Int = Transfer.defaultQueue
    ) {
        self.sample = sample
        self.sink = sink
        self.buffer = buffer
        self.window = window
        self.direct = direct
        self.workspace = workspace
        self.queue = queue
    }

    /// Opens the sample for reading, outside the measured window (the learner's own file only
    /// read-only and only if it is still the file examined); with `direct`, O_DIRECT, and a
    /// run whose requests (`requests`: what the technique asks the kernel for) the file's
    /// alignment rule does not allow is refused before anything runs, as the kernel would refuse it.
    func openSource(requests: DirectIO.Requests = .chunks(operation: "read(2)")) throws -> Int32 {
        let operation: SystemError.Operation = direct ? .openDirect : .open
        let fd: Int32
        if let learner = sample.learner {
            fd = try learner.open(adding: direct ? zc_o_direct : 0, operation: operation)
        } else {
            let flags = O_RDONLY | O_CLOEXEC | (direct ? zc_o_direct : 0)
            fd = try Syscall.value(operation, path: sample.path) { open(sample.path, flags) }
        }
        if direct {
            do {
                try DirectIO.check(fd: fd, size: sample.size, buffer: buffer, requests: requests)
            } catch {
                close(fd)
                throw error
            }
        }
        return fd
    }

    /// The loop of a call that moves bytes inside the kernel (sendfile, copy_file_range): each
    /// call asks for up to the buffer's worth (at most the kernel's per-call maximum) of what is
    /// left, until every byte moved or a call moves none. Returns the bytes moved and the calls.
    func kernelLoop(_ call: (_ count: Int) throws -> Int) throws -> (moved: Int, calls: Int) {
        let size = sample.size
        let perCall = min(buffer, Sendfile.maximumPerCall)
        var moved = 0
        var calls = 0
        while moved < size {
            try Interruption.check()
            let count = try call(min(perCall, size - moved))
            calls += 1
            if count == 0 { break }
            moved += count
            sink.progress.add(count)
        }
        return (moved, calls)
    }

    /// Measures `body` (which returns the number of transfer syscalls it made) and the sink's
    /// drain, so a socket's time runs until the receiver has every byte.
    func measure(_ body: () throws -> Int) throws -> Int {
        window.begin()
        let calls = try body()
        try sink.finish()
        window.end()
        return calls
    }
}
