import Glibc

/// A file that appears whole or not at all: the bytes go to a temporary file beside the target
/// (same directory, so the rename cannot cross filesystems), created with mkstemp (O_EXCL, so
/// it is never someone else's file), flushed with fsync, then renamed over the target. On any
/// error, and on an interruption that arrives before the rename, the temporary file is removed
/// and the target is untouched. Used for the state files (progress) and for exports (handouts).
///
/// The temporary file is created in `init`, so a path that cannot be written fails before the
/// caller spends minutes producing what it would hold. It carries a `FileLock` for the writer's
/// life: one left by a writer that was killed (SIGKILL, the OOM killer) can be told from one
/// being written, and `removeIfAbandoned` removes only the first kind.
public final class AtomicFileWriter {
    /// Who may read the file.
    public enum Permissions: Sendable {
        /// 0600, as mkstemp makes it: state that is nobody else's business.
        case ownerOnly
        /// 0666 less the umask, as for any file a program creates: a document meant to be shared.
        case umask
    }

    /// What the rename may replace.
    public enum Target: Sendable {
        /// Whatever `path` names; a symbolic link there is replaced by the file, not followed.
        case path
        /// A regular file: through a symbolic link, the file it points to (the link stays); a
        /// directory, device, pipe or socket is refused with `TargetRefused`, because a rename
        /// over it would destroy it (/dev/null among them), and so is a file nobody may write
        /// (mode 0444), which a rename would replace although its owner made it read-only. A
        /// file that is replaced keeps its permissions.
        case regularFile
    }

    /// The file the rename replaces (for `.regularFile`, a link's target).
    public let path: String
    public let temporaryPath: String
    /// Whether a pending interruption discards the file rather than letting it land: right for
    /// a document the interrupted command was making, wrong for state saved on the way out.
    public let discardsWhenInterrupted: Bool
    private var fd: Int32
    private var finished = false

    public init(
        path asked: String, permissions: Permissions = .ownerOnly, target: Target = .path,
        discardsWhenInterrupted: Bool = true
    ) throws {
        let (path, keptMode) = target == .regularFile ? try AtomicFileWriter.regularTarget(asked) : (asked, nil)
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw TargetRefused(.noFileName, path: asked) }
        let pattern = "\(directory)/.\(name).XXXXXX"
        var template = Array(pattern.utf8CString)
        let made = try Syscall.value(.mkstemp, path: pattern) {
            template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        }
        _ = fcntl(made, F_SETFD, FD_CLOEXEC)  // a traced child started meanwhile must not hold it
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do {
            // A new file: nobody else can hold its lock yet.
            _ = try FileLock.tryLock(made, path: temporaryPath)
            if let keptMode {
                try Syscall.value(.fchmod, path: temporaryPath, descriptor: made) { fchmod(made, keptMode) }
            } else if permissions == .umask {
                let mask = umask(0)
                umask(mask)
                try Syscall.value(.fchmod, path: temporaryPath, descriptor: made) { fchmod(made, 0o666 & ~mask) }
            }
        } catch {
            close(made)
            unlink(temporaryPath)
            throw error
        }
        self.path = path
        self.temporaryPath = temporaryPath
        self.discardsWhenInterrupted = discardsWhenInterrupted
        fd = made
    }

    deinit { discard() }

    /// Writes `bytes`, flushes them to storage and renames the file into place. After an
    /// error or an interruption the temporary file is gone and the target is as it was.
    public func commit(_ bytes: UnsafeRawBufferPointer) throws {
        try commit { fd in try Syscall.writeAll(fd, bytes, path: temporaryPath) }
    }

    /// Lets `write` fill the file through its descriptor (a C library that writes to a FILE*
    /// of its own), then flushes and renames it into place; see `commit(_:)`.
    public func commit(writing write: (Int32) throws -> Void) throws {
        guard !finished else { return }
        do {
            try write(fd)
            do {
                try Syscall.value(.fsync, path: temporaryPath, descriptor: fd) { fsync(fd) }
            } catch let error as SystemError where error.errno == EINVAL {
                // The file's filesystem cannot sync (it keeps nothing on a disk): nothing to wait for.
            }
            if discardsWhenInterrupted { try Interruption.check() }
            // Renamed while still open, so the file keeps its lock until it is in place: a
            // sweep for abandoned files never takes it for one.
            try Syscall.value(.rename, path: path) { rename(temporaryPath, path) }
            finished = true
            close(fd)
            fd = -1
        } catch {
            discard()
            throw error
        }
    }

    /// Writes the UTF-8 of `text`; see `commit(_:)`.
    public func commit(_ text: String) throws {
        var text = text
        try text.withUTF8 { try commit(UnsafeRawBufferPointer($0)) }
    }

    /// Removes the temporary file; the target is untouched. Safe to call twice.
    public func discard() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temporaryPath)
    }

    /// Replaces `path` atomically with `bytes` in one go; see the type's description.
    public static func write(
        _ bytes: UnsafeRawBufferPointer, to path: String, permissions: Permissions = .ownerOnly, target: Target = .path,
        discardsWhenInterrupted: Bool = true
    ) throws {
        let writer = try AtomicFileWriter(
            path: path, permissions: permissions, target: target, discardsWhenInterrupted: discardsWhenInterrupted)
        try writer.commit(bytes)
    }

    /// The file a rename may replace for `.regularFile`: `path` itself, or the file a symbolic
    /// link points to, with the permissions of the file that is there (nil for a new file).
    /// Anything else that exists there is refused, and so is a file nobody may write.
    static func regularTarget(_ path: String) throws -> (String, mode_t?) {
        var link = stat()
        guard lstat(path, &link) == 0 else { return (path, nil) }  // a new file
        var target = path
        if (link.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else { throw TargetRefused(.unresolvedLink, path: path) }
            target = String(cString: resolved)
            free(resolved)
        }
        var info = stat()
        guard stat(target, &info) == 0 else { return (target, nil) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            // access(2) lets root write anything; the mode says what the owner meant.
            if info.st_mode & 0o222 == 0 || access(target, W_OK) != 0 { throw TargetRefused(.readOnly, path: path) }
            return (target, info.st_mode & 0o7777)
        case S_IFDIR: throw TargetRefused(.directory, path: path)
        default: throw TargetRefused(.notRegularFile, path: path)
        }
    }

    /// Removes `path` if it is a temporary file of a writer that is gone: a regular file of this
    /// user whose lock nobody holds. Anything else (a file being written, someone else's, a
    /// link) is left alone. Returns its size when it was removed.
    public static func removeIfAbandoned(_ path: String) -> Int? {
        guard let fd = try? Syscall.value(.open, path: path, { open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) })
        else { return nil }
        defer { close(fd) }
        var info = stat()
        guard (try? Syscall.value(.fstat, path: path, descriptor: fd) { fstat(fd, &info) }) != nil,
            info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
            (try? FileLock.tryLock(fd, path: path)) == true,
            (try? Syscall.value(.unlink, path: path) { unlink(path) }) != nil
        else { return nil }
        return Int(info.st_size)
    }

    /// The temporary files writers for `target` left behind (`.NAME.XXXXXX` beside it) that
    /// `removeIfAbandoned` removed, for a directory that is zctour's own (the state directory).
    public static func removeAbandoned(besideTarget target: String) -> [String] {
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[..<$0]) } ?? "."
        let prefix = "." + (slash.map { String(target[target.index(after: $0)...]) } ?? target) + "."
        guard let dir = try? Syscall.pointer(.opendir, path: directory, { opendir(directory) }) else { return [] }
        var candidates: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 { candidates.append(directory + "/" + name) }
        }
        closedir(dir)
        return candidates.filter { removeIfAbandoned($0) != nil }
    }
}
