import CShims
import CYardstick
import Glibc

/// tee(2) duplicates what one pipe holds into another without consuming it (references to the
/// same pages, no copy), so one read of the file can feed two destinations. The demo splices
/// the sample into the pipe, tees the pipe into a second pipe, and splices one to the sink and
/// the other to a second file, which is read back after the window: one read of the file, two
/// destinations, no byte through user space.
public enum Tee {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let workspace = transfer.workspace
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

extension Demo {
    public static let tee = Demo(
        id: "tee", summary: "splice plus tee(2): one read of the file feeds the sink and a second file",
        run: .transfer(Tee.run), options: [.size, .buffer, .to, .cold],
        reasons: [.direct: "tee works on the pipe, after the read; use splice --direct for the read side"], defaultSink: .socket,
        blindSpot: .ioCounters("/proc/<pid>/io does not account splice or tee at all"), memory: { _, _ in 0 }, writesSecondFile: true,
        kernelSide: true, yardstick: Yardstick(zcy_tee))
}
