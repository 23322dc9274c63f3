import CShims
import Glibc
import Syscalls

/// A file of deterministic content that zctour writes itself, so every run has the same input
/// and every destination can be checked against a checksum known before the demo starts.
public struct SampleFile: Sendable {
    public let path: String
    public let size: Int
    public let checksum: UInt64
    /// Set when the source is the learner's own file (`--file`), not one zctour wrote: it is
    /// opened only to read, and checked for changes after the run.
    public let learner: LearnerFile?

    /// A sample another zctour wrote (the traced child reuses its parent's); it must exist with
    /// that size, and the checksum is the parent's, checked again at the destination.
    public init(existing path: String, size: Int, checksum: UInt64) throws {
        var info = stat()
        try Syscall.value(.stat, path: path) { stat(path, &info) }
        guard Int(info.st_size) == size else { throw SampleSizeMismatch(path: path, expected: size, found: Int(info.st_size)) }
        self.init(path: path, size: size, checksum: checksum)
    }

    init(path: String, size: Int, checksum: UInt64, learner: LearnerFile? = nil) {
        self.path = path
        self.size = size
        self.checksum = checksum
        self.learner = learner
    }

    /// The file's st_blksize, the "preferred I/O size" that Foundation's copyItem and FileHandle
    /// use as their chunk (4 KiB on this machine's ext4 and tmpfs).
    public func blockSize() throws -> Int {
        var info = stat()
        try Syscall.value(.stat, path: path) { stat(path, &info) }
        return Int(info.st_blksize)
    }

    /// Writes `size` bytes of sample content to `path` in 1 MiB chunks, then flushes it to
    /// storage so that `--cold` can drop its pages (dirty pages cannot be dropped). `progress`
    /// counts the bytes written, for a progress line.
    public static func create(at path: String, size: Int, progress: ProgressCounter? = nil) throws -> SampleFile {
        let fd = try Syscall.value(.open, path: path) { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
        var complete = false
        defer {
            close(fd)
            if !complete { unlink(path) }  // never leave half a sample behind
        }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var sum = Checksum()
        var offset = 0
        while offset < size {
            try Interruption.check()
            let count = min(chunk, size - offset)
            zc_fill_sample(buffer, count, UInt64(offset))
            sum.update(buffer, count: count)
            try Syscall.writeAll(fd, UnsafeRawBufferPointer(start: buffer, count: count), path: path)
            offset += count
            progress?.add(count)
        }
        try Syscall.value(.fdatasync, path: path, descriptor: fd) { fdatasync(fd) }
        complete = true
        return SampleFile(path: path, size: size, checksum: sum.value)
    }

    /// The sample content in memory, for the demos that never touch a file.
    public static func bytes(count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { zc_fill_sample(base, count, 0) }
            initialized = count
        }
    }

    /// The checksum of the first `count` bytes of sample content.
    public static func checksum(count: Int) -> UInt64 {
        bytes(count: count).withUnsafeBytes { Checksum.of($0) }
    }

    /// Asks the kernel to drop the file's pages from the page cache (posix_fadvise DONTNEED)
    /// and counts with mincore(2) how many stayed, because the kernel may keep some.
    public func dropFromPageCache() throws -> PageCacheDrop {
        let fd = try Syscall.value(.open, path: path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        let before = try residentPages(fd: fd)
        try Syscall.returningErrno(.posixFadvise, path: path, descriptor: fd) { posix_fadvise(fd, 0, off_t(size), POSIX_FADV_DONTNEED) }
        let after = try residentPages(fd: fd)
        return PageCacheDrop(pages: after.total, residentBefore: before.resident, residentAfter: after.resident)
    }

    private func residentPages(fd: Int32) throws -> (total: Int, resident: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = (size + page - 1) / page
        guard size > 0 else { return (0, 0) }
        let map = try Syscall.pointer(.mmap, path: path, descriptor: fd, failure: MAP_FAILED) {
            mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0)
        }
        defer { munmap(map, size) }
        var vector = [UInt8](repeating: 0, count: pages)
        try Syscall.value(.mincore, path: path) { mincore(map, size, &vector) }
        return (pages, vector.reduce(0) { $0 + Int($1 & 1) })
    }
}
