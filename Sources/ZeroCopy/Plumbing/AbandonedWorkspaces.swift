import Glibc
import Syscalls

/// The private directories in the temporary root that zctour processes of this user made:
/// removed when their owner is gone, counted when it is alive.
public struct AbandonedWorkspaces: Sendable, Equatable {
    /// A directory and what was in it.
    public struct Entry: Sendable, Equatable {
        public let path: String
        /// The pid its owner wrote (it may be reused by now: the lock, not the pid, decides).
        public let ownerPID: Int32?
        public let bytes: Int
    }

    /// Removed: their owner was gone.
    public var removed: [Entry] = []
    /// Left alone: their owner is running.
    public var inUse: [Entry] = []

    public init() {}

    /// Seconds a staging mark must have existed unlocked before its directory counts as abandoned.
    static let stagingAge = 10

    /// Removes the directories of `root` that are zctour's, this user's and abandoned: named
    /// `zctour.XXXXXX`, a real directory (not a link) of mode 0700 owned by this user, holding
    /// an `owner` mark that is a regular file of this user whose lock nobody holds. Anything
    /// else, however it is named, is never touched.
    public static func sweep(_ root: String = Workspace.temporaryRoot) -> AbandonedWorkspaces {
        var result = AbandonedWorkspaces()
        guard let dir = try? Syscall.pointer(.opendir, path: root, { opendir(root) }) else { return result }
        var names: [String] = []
        let prefix = Array(Workspace.namePrefix.utf8)
        // Compared as bytes: a busy /tmp holds thousands of names, and every start looks.
        while let entry = readdir(dir) {
            let name: String? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.prefix { $0 != 0 }
                guard bytes.count == prefix.count + 6, bytes.starts(with: prefix) else { return nil }
                return String(decoding: bytes, as: UTF8.self)
            }
            if let name { names.append(name) }
        }
        closedir(dir)
        for name in names {
            let path = root + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid(), info.st_mode & 0o777 == 0o700
            else { continue }
            // A process killed while it marked its directory left the mark under its staging
            // name (`.owner`, renamed to `owner` once locked and written). Unlocked, it was
            // abandoned, unless it is new: between its creation and its lock, microseconds, a
            // live owner has not locked it yet, so only a staging mark this old counts.
            var mark = path + "/" + WorkspaceOwner.fileName
            var staging = false
            var fd = open(mark, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if fd < 0 && errno == ENOENT {
                mark = path + "/" + WorkspaceOwner.stagingName
                staging = true
                fd = open(mark, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            }
            guard fd >= 0 else { continue }
            defer { close(fd) }  // held until the directory is gone, so no second sweep takes it too
            var markInfo = stat()
            guard fstat(fd, &markInfo) == 0, markInfo.st_mode & S_IFMT == S_IFREG, markInfo.st_uid == geteuid() else { continue }
            if staging && time(nil) - markInfo.st_mtim.tv_sec < AbandonedWorkspaces.stagingAge { continue }
            let pid = (try? Syscall.readAll(fd, limit: 64, path: mark)).flatMap {
                Int32(String(decoding: $0, as: UTF8.self).filter(\.isNumber))
            }
            let entry = Entry(path: path, ownerPID: pid, bytes: DirectoryTree.size(path))
            guard (try? FileLock.tryLock(fd, path: mark)) == true else {
                result.inUse.append(entry)
                continue
            }
            DirectoryTree.remove(path)
            result.removed.append(entry)
        }
        return result
    }
}
