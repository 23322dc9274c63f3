import CShims
import Glibc
import Syscalls

/// A file of the learner's own, named with `--file`: zctour only ever reads it. Every open is
/// O_RDONLY (it is never written, truncated or replaced; the sink is always zctour's own file),
/// the run's size is the file's, and what arrives at the sink is checked against a checksum of
/// the file read separately, before the run. Only a regular file of a fixed size can be moved
/// and checked like that: a FIFO, a device or a file the kernel makes up as it is read (/proc,
/// /sys) is refused before anything runs, and a file that changes while the demo runs fails
/// the verification with a message that says so.
public struct LearnerFile: Sendable, Equatable {
    public let path: String
    public let size: Int
    let identity: Identity

    /// What tells one state of a file from another: which file it is, its size, and when its
    /// contents (mtime) or its inode (ctime) last changed.
    struct Identity: Sendable, Equatable {
        let device: UInt64
        let inode: UInt64
        let size: Int
        let modified: [Int]
        let changed: [Int]

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int(info.st_size)
            modified = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
            changed = [Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
        }
    }

    /// Checks that `path` is a file zctour can move and verify, and that this user may read it.
    public static func examine(_ path: String) throws(LearnerFileRefused) -> LearnerFile {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LearnerFileRefused(path: path, problem: .cannotOpen(errno: Glibc.errno)) }
        if let kind = LearnerFile.kindName(of: info.st_mode) { throw LearnerFileRefused(path: path, problem: .notRegular(kind)) }
        if let filesystem = LearnerFile.madeUpAsRead[UInt(bitPattern: zc_filesystem_type(path))] {
            throw LearnerFileRefused(path: path, problem: .madeUpAsRead(filesystem))
        }
        if info.st_size == 0 { throw LearnerFileRefused(path: path, problem: .empty) }
        // O_NONBLOCK: should the path have become a FIFO since the stat, the open does not hang.
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw LearnerFileRefused(path: path, problem: .cannotOpen(errno: Glibc.errno)) }
        close(fd)
        return LearnerFile(path: path, size: Int(info.st_size), identity: Identity(info))
    }

    /// Whether this user may write to the file: `--cold` drops its cached pages, which other
    /// programs reading it would feel, so a file that is not the learner's to write needs
    /// `--cold-anyway` as well.
    public var writable: Bool { access(path, W_OK) == 0 }

    /// The file as the run's source: read once, whole, outside any window, for the checksum the
    /// destination is held to. The file must not change during that read either.
    public func sample() throws -> SampleFile {
        let fd = try open()
        defer { close(fd) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var sum = Checksum()
        while true {
            try Interruption.check()
            let count = try Syscall.value(.read, path: path, descriptor: fd) { read(fd, buffer, chunk) }
            if count == 0 { break }
            sum.update(buffer, count: count)
        }
        try checkUnchanged()
        guard sum.bytes == size else { throw LearnerFileChanged(path: path, change: .size(from: size, to: sum.bytes)) }
        return SampleFile(path: path, size: size, checksum: sum.value, learner: self)
    }

    /// Opens the file for reading, with `flags` added (O_DIRECT), and makes sure it is still the
    /// file that was examined: a path replaced by another file since is not what was checksummed.
    func open(adding flags: Int32 = 0, operation: SystemError.Operation = .open) throws -> Int32 {
        let fd = try Syscall.value(operation, path: path) { Glibc.open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | flags) }
        var info = stat()
        do {
            try Syscall.value(.stat, path: path, descriptor: fd) { fstat(fd, &info) }
        } catch {
            close(fd)
            throw error
        }
        guard UInt64(info.st_dev) == identity.device, UInt64(info.st_ino) == identity.inode else {
            close(fd)
            throw LearnerFileChanged(path: path, change: .replaced)
        }
        return fd
    }

    /// Throws `LearnerFileChanged` unless the file is as it was examined: same file, same size,
    /// same modification and change times.
    public func checkUnchanged() throws {
        var info = stat()
        try Syscall.value(.stat, path: path) { stat(path, &info) }
        let now = Identity(info)
        if now.device != identity.device || now.inode != identity.inode { throw LearnerFileChanged(path: path, change: .replaced) }
        if now.size != identity.size { throw LearnerFileChanged(path: path, change: .size(from: identity.size, to: now.size)) }
        if now.modified != identity.modified || now.changed != identity.changed {
            throw LearnerFileChanged(path: path, change: .modified)
        }
    }

    /// After the run: a file that changed makes the verification fail with a message that says
    /// so, rather than blaming the demo. When the bytes did not match although the times did not
    /// move (a write within the clock's resolution), the file is read again to tell.
    public func explain(_ verification: Verification) throws {
        try checkUnchanged()
        guard !verification.passed else { return }
        let again = try sample()
        if again.checksum != verification.expectedChecksum { throw LearnerFileChanged(path: path, change: .contents) }
    }

    /// The name of a file type that is not a regular file, or nil for a regular file.
    static func kindName(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (a named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a unix socket"
        default: "not a regular file"
        }
    }

    /// Filesystems whose files the kernel makes up as they are read (statfs f_type, from
    /// include/uapi/linux/magic.h): their sizes are 0 or a page whatever they hold, and their
    /// contents change from one read to the next.
    static let madeUpAsRead: [UInt: String] = [
        0x9FA0: "procfs", 0x6265_6572: "sysfs", 0x6462_6720: "debugfs", 0x7472_6163: "tracefs", 0x7363_6673: "securityfs",
        0x6367_7270: "cgroup2", 0x0027_E0EB: "cgroup", 0x6265_6570: "configfs", 0xCAFE_4A11: "bpffs", 0x6165_676C: "pstore",
        0xDE5E_81E4: "efivarfs",
    ]
}
