import Glibc
import Syscalls

/// What a mapping holds: the file is mapped and its descriptor closed at once (as
/// `golang.org/x/exp/mmap.Open` does), then the file is deleted. The bytes are still readable
/// through the mapping, and the filesystem frees the file's blocks only when the mapping goes:
/// inotify's IN_DELETE_SELF on the file (`InodeWatch`), looked for right after the unlink and
/// right after the munmap, says exactly when; the free space of the temporary directory's
/// filesystem, read around both, shows how much (a figure other programs' writes also move).
/// The demo maps a copy of its own (written before, not measured), deletes it, reads all of it
/// through the mapping (the window), then unmaps.
public enum MmapUnlinked {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let size = transfer.sample.size
        let workspace = transfer.workspace
        let path = workspace.file("deleted-while-mapped.bin")
        let copy = try SampleFile.create(at: path, size: size)
        var linked = true
        defer { if linked { unlink(path) } }
        let watch = try InodeWatch(path: copy.path)
        let fd = try Syscall.value(.open, path: copy.path) { open(copy.path, O_RDONLY | O_CLOEXEC) }
        let mapping: UnsafeMutableRawPointer
        do {
            mapping = try Syscall.pointer(.mmap, path: path, descriptor: fd, failure: MAP_FAILED) {
                mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
            }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        var mapped = true
        defer { if mapped { munmap(mapping, size) } }
        let beforeUnlink = try workspace.freeBytes()
        try Syscall.value(.unlink, path: path) { unlink(path) }
        linked = false
        let afterUnlink = try workspace.freeBytes()
        let goneAtUnlink = try watch.poll()
        let line = MappingCensus.line(at: mapping)
        let calls = try transfer.measure { try transfer.sink.deliver(mapping, count: size) }
        let beforeUnmap = try workspace.freeBytes()
        try Syscall.value(.munmap, path: path) { munmap(mapping, size) }
        mapped = false
        let afterUnmap = try workspace.freeBytes()
        let goneAtUnmap = try watch.poll() && !goneAtUnlink
        var notes = [
            "mapped \(Pipe.describe(size)), closed the descriptor, deleted the file, then read every byte through the mapping"
        ]
        if let line {
            notes.append(
                "/proc/self/maps, after the unlink: \(line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))")
        }
        let space = HeldSpace(
            filesystem: workspace.filesystemName(), beforeUnlink: beforeUnlink, afterUnlink: afterUnlink, beforeUnmap: beforeUnmap,
            afterUnmap: afterUnmap, inodeGoneAtUnlink: goneAtUnlink, inodeGoneAtUnmap: goneAtUnmap)
        return TransferReport(calls: calls, notes: notes, space: space)
    }
}

/// The free space (statvfs f_bavail) of the filesystem that held a deleted, mapped file, and
/// when the file itself went (inotify's IN_DELETE_SELF): right after the unlink, or right
/// after the munmap.
public struct HeldSpace: Sendable, Equatable, Codable {
    public let filesystem: String
    public let beforeUnlink: Int
    public let afterUnlink: Int
    public let beforeUnmap: Int
    public let afterUnmap: Int
    /// IN_DELETE_SELF had come by the end of the unlink: nothing held the file.
    public let inodeGoneAtUnlink: Bool
    /// It came with the munmap: the mapping held the file until then.
    public let inodeGoneAtUnmap: Bool

    public init(
        filesystem: String, beforeUnlink: Int, afterUnlink: Int, beforeUnmap: Int, afterUnmap: Int, inodeGoneAtUnlink: Bool,
        inodeGoneAtUnmap: Bool
    ) {
        self.filesystem = filesystem
        self.beforeUnlink = beforeUnlink
        self.afterUnlink = afterUnlink
        self.beforeUnmap = beforeUnmap
        self.afterUnmap = afterUnmap
        self.inodeGoneAtUnlink = inodeGoneAtUnlink
        self.inodeGoneAtUnmap = inodeGoneAtUnmap
    }

    /// What the unlink freed, and what the munmap freed (others' writes to the same filesystem
    /// in between move these too).
    public var freedAtUnlink: Int { afterUnlink - beforeUnlink }
    public var freedAtUnmap: Int { afterUnmap - beforeUnmap }

    enum CodingKeys: String, CodingKey {
        case filesystem
        case beforeUnlink = "before_unlink"
        case afterUnlink = "after_unlink"
        case beforeUnmap = "before_munmap"
        case afterUnmap = "after_munmap"
        case inodeGoneAtUnlink = "inode_gone_at_unlink"
        case inodeGoneAtUnmap = "inode_gone_at_munmap"
    }
}

extension Demo {
    public static let mmapUnlinked = Demo(
        id: "mmap-unlinked", summary: "a file mapped, its descriptor closed, then deleted: its space is freed only at munmap",
        run: .transfer(MmapUnlinked.run), options: [.size],
        reasons: [.to: "what it shows is in its own process; the bytes go to /dev/null", .buffer: "it maps the whole file"],
        defaultSink: .null, defaultBuffer: { size in size }, memory: { _, _ in 0 }, extraDisk: { size in size }, holdsDeletedFile: true,
        withoutYardstick: "its point is when the file's space comes back, not speed")
}
