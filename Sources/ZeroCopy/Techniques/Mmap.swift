import CYardstick
import Glibc

/// mmap(2) maps the file's page-cache pages into the process: no read syscall and no copy into
/// a buffer. The cost moves to page faults, fewer than pages thanks to fault-around (the kernel
/// maps up to `fault_around_bytes` of neighbouring cached pages per fault) and large folios.
public enum Mmap {
    /// Maps the sample and hands the mapping itself to the sink: checksummed straight from the
    /// mapping on `null`, written from the mapping to a file or socket (the kernel then takes the
    /// faults inside write).
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let size = transfer.sample.size
        let calls = try transfer.measure {
            let mapping = try FileMapping.map(source, size: size, path: transfer.sample.path)
            defer { munmap(mapping, size) }
            return try transfer.sink.deliver(mapping, count: size)
        }
        return TransferReport(calls: calls, notes: ["mapped \(size) bytes PROT_READ, MAP_PRIVATE"])
    }

}

extension Demo {
    public static let mmap = Demo(
        id: "mmap", summary: "the file mapped with mmap(2), used straight from the mapping",
        run: .transfer(Mmap.run), options: [.size, .to, .cold],
        reasons: [
            .buffer: "it uses the mapping itself, no buffer",
            .direct: "a mapping always goes through the page cache; O_DIRECT does nothing to mmap",
        ],
        defaultSink: .null, defaultBuffer: { size in size }, memory: { _, _ in 0 }, readsInPlace: true,
        yardstick: Yardstick(zcy_mmap), watchesResidency: true)
}
