import CYardstick
import Glibc
import Syscalls

/// A large file read through a window instead of one mapping: map `--buffer` bytes, use them,
/// unmap them (with `defer`, so every path out of the window's scope unmaps), map the next. At
/// most one window is mapped at a time, so the process holds about one window of the file in
/// its page tables and resident set however large the file is; the pages stay in the page
/// cache, clean, for the kernel to keep or drop.
public enum MmapWindow {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let size = transfer.sample.size
        let window = transfer.buffer
        let path = transfer.sample.path
        let before = try MappingCensus.now()
        let calls = try transfer.measure {
            var offset = 0
            var calls = 0
            while offset < size {
                try Interruption.check()
                let length = min(window, size - offset)
                let mapping = try Syscall.pointer(.mmap, path: path, descriptor: source, failure: MAP_FAILED) {
                    mmap(nil, length, PROT_READ, MAP_PRIVATE, source, off_t(offset))
                }
                defer { munmap(mapping, length) }
                calls += try transfer.sink.deliver(mapping, count: length)
                offset += length
            }
            return calls
        }
        let after = try MappingCensus.now()
        let windows = (size + window - 1) / window
        return TransferReport(
            calls: calls, notes: ["\(windows) windows of \(Pipe.describe(window)), each mapped, used and unmapped (defer) before the next"],
            mappings: MappingGrowth(before: before, after: after, windows: windows))
    }

    /// mmap maps from offsets that are multiples of the page size, so the windows must be too.
    static func checkBuffer(size: Int, buffer: Int) -> String? {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        return buffer % page == 0
            ? nil
            : "--buffer for a mapped window must be a multiple of the page size (\(page) bytes): mmap maps from page boundaries; \(buffer) is not"
    }
}

extension Demo {
    public static let mmapWindow = Demo(
        id: "mmap-window", summary: "the file mapped a window of --buffer at a time, each unmapped before the next",
        run: .transfer(MmapWindow.run), options: [.size, .buffer, .to, .cold],
        reasons: [.direct: "a mapping always goes through the page cache; O_DIRECT does nothing to mmap"], defaultSink: .null,
        defaultBuffer: { _ in 1 << 20 }, memory: { _, _ in 0 }, yardstick: Yardstick(zcy_mmap_window), watchesResidency: true,
        countsMappings: true,
        bufferRule: MmapWindow.checkBuffer)
}
