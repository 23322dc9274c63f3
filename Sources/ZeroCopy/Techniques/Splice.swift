import CShims
import Glibc

/// splice(2) moves pages between a file or socket and a pipe without copying them to user
/// space: the pipe is the kernel's buffer, holding references to page-cache pages. A file goes
/// to a socket as file → pipe → socket, two splices per chunk. /proc/<pid>/io does not account
/// splice at all: syscr, syscw, rchar and wchar stay at 0 however many bytes move, which is why
/// the tour shows its calls through the tracer.
///
/// tee(2) duplicates what one pipe holds into another without consuming it (references again,
/// no copy), so one read of the file can feed two destinations. vmsplice(2) is the user-space
/// side: it hands the pages of a user buffer to a pipe (and the buffer must then stay
/// untouched until they are consumed, which is why it is rarely worth its rules).
public enum Splice {
    /// The largest pipe zctour asks for: /proc/sys/fs/pipe-max-size's default, the most an
    /// unprivileged process may have, so the demo does the same as root or not.
    public static let largestPipe = 1 << 20

    /// Splices the sample into the sink through one pipe sized to the buffer.
    public static func splice(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
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

    /// Splices the sample into the pipe, tees the pipe into a second pipe, and splices one to the
    /// sink and the other to a second file, which is read back after the window: one read of the
    /// file, two destinations, no byte through user space.
    public static func tee(_ transfer: Transfer) throws -> TransferReport {
        guard let workspace = transfer.workspace else {
            throw SystemError(call: "tee (no directory for the second destination)", errno: EINVAL)
        }
        let source = try transfer.openSource()
        defer { close(source) }
        let first = try Pipe(capacity: transfer.buffer)
        let second = try Pipe(capacity: first.capacity)
        let copyPath = workspace.file("tee-copy.bin")
        let copy = try systemCall("open", path: copyPath) { open(copyPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        defer {
            close(copy)
            unlink(copyPath)
        }
        let size = transfer.sample.size
        let out = transfer.sink.fd
        let chunk = min(transfer.buffer, first.capacity, second.capacity)
        var tees = 0
        let calls = try transfer.measure {
            var moved = 0
            var calls = 0
            while moved < size {
                try Interruption.check()
                let filled = try first.fill(from: source, count: min(chunk, size - moved), path: transfer.sample.path)
                calls += 1
                if filled == 0 { break }
                var duplicated = 0
                while duplicated < filled {  // tee takes what fits: the second pipe is empty, so all of it
                    duplicated += try systemCall("tee(\(first.read), \(second.write), \(filled - duplicated))") {
                        zc_tee(first.read, second.write, filled - duplicated, 0)
                    }
                    calls += 1
                    tees += 1
                }
                calls += try second.drain(filled, to: copy, sink: nil, path: copyPath)
                calls += try first.drain(filled, to: out, sink: transfer.sink)
                moved += filled
            }
            transfer.sink.noteKernelDelivery(moved)
            return calls
        }
        let teeCopy = try Sink.checksumOfFile(copyPath)
        let copied = Verification(bytes: teeCopy.bytes, checksum: teeCopy.value, expected: transfer.sample, where: .readBack)
        guard copied.passed else { throw VerificationFailed(verification: copied) }
        return TransferReport(
            calls: calls,
            notes: [
                "\(tees) tee calls duplicated each chunk into a second pipe, spliced to a second file: "
                    + "\(Pipe.describe(teeCopy.bytes)), checksum \(teeCopy.value.hex), verified by reading it back"
            ])
    }
}
