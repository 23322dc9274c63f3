import CYardstick
import Glibc

/// Maps the sample, then copies it out chunk by chunk into a reused buffer, which is what
/// `golang.org/x/exp/mmap`'s `ReaderAt.ReadAt` does: the copy that mmap was meant to save.
public enum MmapCopy {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let size = transfer.sample.size
        let chunk = transfer.buffer
        let calls = try transfer.measure {
            let mapping = try FileMapping.map(source, size: size, path: transfer.sample.path)
            defer { munmap(mapping, size) }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
            defer { buffer.deallocate() }
            var offset = 0
            var calls = 0
            while offset < size {
                try Interruption.check()
                let count = min(chunk, size - offset)
                buffer.copyMemory(from: mapping + offset, byteCount: count)
                calls += try transfer.sink.deliver(buffer, count: count)
                offset += count
            }
            return calls
        }
        return TransferReport(calls: calls, notes: ["mapped \(size) bytes, copied out in \(chunk)-byte chunks"])
    }
}

extension Demo {
    public static let mmapCopy = Demo(
        id: "mmap-copy", summary: "the file mapped, then copied out chunk by chunk (x/exp/mmap's ReadAt)",
        run: .transfer(MmapCopy.run), options: [.size, .buffer, .to, .cold],
        reasons: [.direct: "a mapping always goes through the page cache; O_DIRECT does nothing to mmap"], defaultSink: .null,
        memory: { _, buffer in buffer }, yardstick: Yardstick(zcy_mmap_copy))
}
