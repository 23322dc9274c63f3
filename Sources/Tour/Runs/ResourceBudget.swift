import Glibc
import Syscalls
import ZeroCopy

/// What runs may take of the machine: temporary disk for their samples and destinations, and at
/// most half of the available memory. Checked before anything is written, so a huge --size is
/// one clear line instead of a full disk or the OOM killer.
enum ResourceBudget {
    /// Throws unless the runs fit; `existing` are sample sizes already on disk.
    static func check(_ runs: [RunSettings], existing: Set<Int>, in workspace: () throws -> Workspace) throws {
        let needed = diskBytes(for: runs, except: existing)
        if needed > 0 {
            let space = try workspace()
            let free = (try? space.freeBytes()) ?? Int.max
            if needed > free {
                // A --file's copy needs room too; the learner named a file, not a size.
                let asked =
                    runs.compactMap(\.file).first.map { "--file \($0.path) (\(ByteSize.format($0.size)))" }
                    ?? "--size \(ByteSize.compact(runs.map(\.size).max() ?? 0))"
                throw UsageError(
                    "\(asked) needs \(ByteSize.format(needed)) "
                        + "in \(Workspace.temporaryRoot), which has \(ByteSize.format(free)) free; "
                        + "use a smaller \(runs.contains { $0.file != nil } ? "file" : "--size") "
                        + "or set TMPDIR to a roomier directory")
            }
        }
        let memoryNeeded = runs.map { $0.demo.memoryNeeded(size: $0.size, buffer: $0.buffer, queue: $0.queue) }.max() ?? 0
        let available = availableMemory()
        if memoryNeeded > available / 2 {
            throw UsageError(
                "this run needs about \(ByteSize.format(memoryNeeded)) of memory and "
                    + "\(ByteSize.format(available)) is available here (a demo may use at most half); "
                    + (runs.contains { $0.file != nil }
                        ? "use a smaller file, or a demo that streams it" : "use a smaller --size or --buffer"))
        }
    }

    /// Temporary disk the runs need at once: a sample of each size not in `existing`, and the
    /// largest file destination (each is removed after its run). `doctor` asks it about whole lessons.
    static func diskBytes(for runs: [RunSettings], except existing: Set<Int> = []) -> Int {
        // A --file is read where it is: only zctour's own samples take room.
        let samples = Set(runs.filter { $0.demo.usesSample && $0.file == nil }.map(\.size)).subtracting(existing)
        // A file sink holds a copy; tee writes a second one beside whatever sink it has, and a
        // download's curl or mmap-unlinked a file of their own.
        let destinations = runs.map { run in
            saturatingSum(
                run.sink == .file ? run.size : 0, run.demo.writesSecondFile ? run.size : 0, run.demo.extraDisk(size: run.size))
        }
        return saturatingSum(samples.reduce(0) { saturatingSum($0, $1) }, destinations.max() ?? 0)
    }

    /// MemAvailable from /proc/meminfo (free memory plus what the page cache can give back),
    /// else the free physical memory.
    static func availableMemory() -> Int {
        if let meminfo = try? Syscall.readAll(path: "/proc/meminfo", limit: 1 << 20) {
            for line in String(decoding: meminfo, as: UTF8.self).split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let digits = line.dropFirst("MemAvailable:".count).trimmingWhitespace().prefix { $0.isNumber }
                if let kib = Int(digits) { return kib * 1024 }
            }
        }
        let pages = sysconf(Int32(_SC_AVPHYS_PAGES))
        let page = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && page > 0 ? pages * page : Int.max
    }
}
