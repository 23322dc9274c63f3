import CShims
import Glibc
import Syscalls

/// A pipe used as the kernel's buffer between two splices, resized to hold one chunk.
struct Pipe: ~Copyable {
    let read: Int32
    let write: Int32
    let capacity: Int

    /// Asks for `capacity` bytes (the kernel rounds up to a power of two pages, and an
    /// unprivileged process gets at most /proc/sys/fs/pipe-max-size).
    init(capacity wanted: Int) throws {
        var ends: [Int32] = [0, 0]
        try Syscall.value(.pipe2) { zc_pipe2(&ends, O_CLOEXEC) }
        read = ends[0]
        write = ends[1]
        let asked = Int32(clamping: min(max(wanted, 4096), Splice.largestPipe))
        let granted = zc_set_pipe_size(write, asked)
        // A refused resize leaves the default pipe (16 pages); the chunk then shrinks to fit.
        capacity = granted > 0 ? Int(granted) : 16 * DirectIO.fallbackAlignment
    }

    deinit {
        close(read)
        close(write)
    }

    /// A pipe-sized count in binary units (ZeroCopy has no ByteSize; pipe sizes are powers of two).
    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0
            ? "\(bytes >> 20) MiB"
            : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }

    /// One splice from `source` into the pipe; returns the bytes it took (0 at end of file).
    func fill(from source: Int32, count: Int, path: String) throws -> Int {
        try Syscall.value(.splice, path: path, descriptor: source) { zc_splice(source, nil, write, nil, count, 0) }
    }

    /// Splices `count` bytes out of the pipe into `out`, as many calls as it takes; returns the
    /// number of calls. A receiver that failed first gets the blame, as with write.
    func drain(_ count: Int, to out: Int32, sink: Sink?, path: String? = nil) throws -> Int {
        var drained = 0
        var calls = 0
        while drained < count {
            do {
                drained += try Syscall.value(.splice, path: path, descriptor: out) { zc_splice(read, nil, out, nil, count - drained, 0) }
            } catch let error as SystemError where error.errno == EPIPE || error.errno == ECONNRESET {
                throw sink?.receiverFailure() ?? error
            }
            calls += 1
        }
        sink?.progress.add(count)
        return calls
    }
}
