import Glibc
import Syscalls

/// The mapping leak the post warns about ("delayed release of mmap resources"), and its fix.
/// Each window of the file is opened, mapped and its descriptor closed, as Go's
/// `golang.org/x/exp/mmap.Open` does, then used; `mmap-leak` forgets to unmap, `mmap-defer`
/// unmaps with `defer`. The census of /proc/self/maps and the address space before and after
/// the loop shows what a forgotten munmap keeps: one mapping per window (each its own open of
/// the file, so the kernel cannot merge them), and the file behind it. The leaked mappings are
/// unmapped when the demo ends, whatever happens.
public enum MmapLeak {
    static func run(_ transfer: Transfer, releases: Bool) throws -> TransferReport {
        let size = transfer.sample.size
        let window = transfer.buffer
        let path = transfer.sample.path
        let windows = (size + window - 1) / window
        let name = Array(path.utf8CString)  // converted once: a String passed to open allocates
        var leaked: [(UnsafeMutableRawPointer, Int)] = []
        leaked.reserveCapacity(windows)  // no allocation inside the window
        defer { for (mapping, length) in leaked { munmap(mapping, length) } }
        let before = try MappingCensus.now()
        let calls = try transfer.measure {
            var offset = 0
            var calls = 0
            while offset < size {
                try Interruption.check()
                let length = min(window, size - offset)
                let fd = try Syscall.value(.open, path: path) { open(name, O_RDONLY | O_CLOEXEC) }
                let mapping: UnsafeMutableRawPointer
                do {
                    mapping = try Syscall.pointer(.mmap, path: path, descriptor: fd, failure: MAP_FAILED) {
                        mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, off_t(offset))
                    }
                } catch {
                    close(fd)
                    throw error
                }
                close(fd)  // the mapping keeps the file open without a descriptor
                if releases {
                    defer { munmap(mapping, length) }
                    calls += try transfer.sink.deliver(mapping, count: length)
                } else {
                    leaked.append((mapping, length))
                    calls += try transfer.sink.deliver(mapping, count: length)
                }
                offset += length
            }
            return calls
        }
        let after = try MappingCensus.now()
        let note =
            releases
            ? "\(windows) windows, each opened, mapped, closed, used and unmapped with defer: the mappings did not grow"
            : "\(windows) windows, each opened, mapped, closed and used, never unmapped: \(after.mappings - before.mappings) more "
                + "mappings, unmapped only when the demo ended"
        return TransferReport(calls: calls, notes: [note], mappings: MappingGrowth(before: before, after: after, windows: windows))
    }

    /// Each leaked window is a mapping; vm.max_map_count (65,530 by default) caps a process's.
    static let mostWindows = 10_000

    static func checkBuffer(size: Int, buffer: Int) -> String? {
        if let problem = MmapWindow.checkBuffer(size: size, buffer: buffer) { return problem }
        let windows = (size + buffer - 1) / buffer
        return windows <= mostWindows
            ? nil
            : "--size / --buffer makes \(windows) windows; this demo maps each one separately, and at most \(mostWindows) "
                + "keep it well under vm.max_map_count; use a larger --buffer"
    }
}

extension Demo {
    public static let mmapLeak = Demo(
        id: "mmap-leak", summary: "a loop that maps a window of the file per call and forgets munmap: mappings pile up",
        run: .transfer({ try MmapLeak.run($0, releases: false) }), options: [.size, .buffer],
        reasons: [.to: "what it shows is in its own process; the bytes go to /dev/null"], defaultSink: .null,
        defaultBuffer: { _ in 1 << 20 }, memory: { _, _ in 0 }, watchesResidency: true, countsMappings: true,
        bufferRule: MmapLeak.checkBuffer,
        withoutYardstick: "its point is what stays mapped, not speed")

    public static let mmapDefer = Demo(
        id: "mmap-defer", summary: "the same loop with defer { munmap }: each window unmapped when its scope ends",
        run: .transfer({ try MmapLeak.run($0, releases: true) }), options: [.size, .buffer],
        reasons: [.to: "what it shows is in its own process; the bytes go to /dev/null"], defaultSink: .null,
        defaultBuffer: { _ in 1 << 20 }, memory: { _, _ in 0 }, watchesResidency: true, countsMappings: true,
        bufferRule: MmapLeak.checkBuffer,
        withoutYardstick: "its point is what stays mapped, not speed")
}
