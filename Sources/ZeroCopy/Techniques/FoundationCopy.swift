import Foundation
import Glibc
import Syscalls

/// Foundation's `FileManager.copyItem(atPath:toPath:)` on a regular file, as Swift 6.3 ships it
/// on Linux (swift-foundation, FileOperations.swift, `_copyRegularFile`): it opens both files,
/// creates the destination, then loops sendfile(2) from the source into it, asking for one
/// st_blksize chunk per call. The bytes never enter user space, but the loop makes one syscall
/// per block (4 KiB on ext4) where copy_file_range would make one for the whole file.
public enum FoundationCopy {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        guard let destination = transfer.sink.destination else {
            throw NotATransfer(demo: Demo.foundationCopy.id, sink: transfer.sink.kind)
        }
        if let learner = transfer.sample.learner { try learner.checkUnchanged() }
        // copyItem creates the destination and refuses one that exists: the sink's new, empty
        // file (zctour's own) makes way for it, under the same name, which the sink reads back.
        unlink(destination)
        _ = try transfer.measure {
            do {
                try FileManager.default.copyItem(atPath: transfer.sample.path, toPath: destination)
            } catch {
                try Interruption.check()
                throw LibraryCallFailed(call: "FileManager.copyItem", error: error)
            }
            return 0
        }
        // copyItem gives the copy the source's permissions; the read-back must not depend on them.
        chmod(destination, 0o600)
        return TransferReport(calls: 0, notes: [Demo.foundationCopy.insideNote])
    }
}

extension Demo {
    public static let foundationCopy = Demo(
        id: "foundation-copy", summary: "Foundation's FileManager.copyItem: file → file with sendfile(2), one st_blksize per call",
        run: .transfer(FoundationCopy.run), options: [.size, .cold],
        reasons: [
            .to: "FileManager.copyItem copies a file into a new file, so the destination is always a file",
            .buffer: "Foundation picks the chunk itself: the source's st_blksize",
            .direct: "Foundation opens the file itself, never with O_DIRECT",
        ],
        defaultSink: .file, defaultBuffer: { size in size }, memory: { _, _ in 0 }, kernelSide: true, library: "Foundation")

    /// What a run of a library's demo says under its counters: whose calls they are.
    var insideNote: String {
        "\(library ?? "the library") makes its own syscalls, which zctour cannot count from inside: "
            + "/proc's counters above include them, and 'trace \(id)' names every one"
    }
}
