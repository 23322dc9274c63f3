import Foundation
import Glibc
import Syscalls

/// A `FileHandle` copy loop, `read(upToCount:)` then `write(contentsOf:)`, as
/// swift-corelibs-foundation (FileHandle.swift, `_readDataOfLength`) runs it: each
/// `read(upToCount:)` makes a new Data and fills it with read(2) calls of the file's st_blksize
/// (4 KiB on ext4) until it has the count or the file ends, growing the buffer as it goes; the
/// write is write(2) until every byte is out. So a 64 KiB chunk costs sixteen reads, one write
/// and an allocation, where the read/write loop of lesson 1 makes one read and one write.
public enum FileHandleLoop {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let input = FileHandle(fileDescriptor: source, closeOnDealloc: false)
        let output = FileHandle(fileDescriptor: transfer.sink.fd, closeOnDealloc: false)
        let sink = transfer.sink
        let count = transfer.buffer
        _ = try transfer.measure {
            while true {
                try Interruption.check()
                let chunk: Data
                do {
                    guard let read = try input.read(upToCount: count), !read.isEmpty else { return 0 }
                    chunk = read
                } catch {
                    try Interruption.check()
                    throw LibraryCallFailed(call: "FileHandle.read(upToCount:)", error: error)
                }
                if sink.kind == .null {
                    chunk.withUnsafeBytes { bytes in bytes.baseAddress.map { sink.noteUserDelivery($0, count: bytes.count) } }
                }
                do {
                    try output.write(contentsOf: chunk)
                } catch {
                    try Interruption.check()
                    throw sink.receiverFailure() ?? LibraryCallFailed(call: "FileHandle.write(contentsOf:)", error: error)
                }
            }
        }
        return TransferReport(calls: 0, notes: [Demo.fileHandle.insideNote])
    }
}

extension Demo {
    public static let fileHandle = Demo(
        id: "filehandle", summary: "Foundation's FileHandle: read(upToCount:) and write(contentsOf:) in a loop",
        run: .transfer(FileHandleLoop.run), options: [.size, .buffer, .to, .cold],
        reasons: [.direct: "FileHandle reads into buffers it allocates itself, which O_DIRECT's alignment rule does not allow"],
        defaultSink: .null, memory: { _, buffer in 2 * buffer }, library: "Foundation")
}
