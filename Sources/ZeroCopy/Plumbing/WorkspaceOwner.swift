import Glibc
import Syscalls

/// The mark a private directory carries for its owner's life: a file `owner` inside, holding
/// the owner's pid, locked (`FileLock`) by the owner until it removes the directory. The kernel
/// drops the lock when the owner ends, however it ends, so a directory whose mark can be locked
/// was left by a process that is gone (a SIGKILL, the OOM killer, a closed laptop lid) and may
/// be removed; one whose mark cannot is in use. The mark is written under another name and
/// renamed into place already locked, so no sweep ever sees it unlocked while its owner lives.
final class WorkspaceOwner {
    static let fileName = "owner"
    /// The mark's name while it is written: a sweep takes an unlocked one as abandoned too.
    static let stagingName = "." + fileName
    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Marks `directory` as this process's.
    static func mark(_ directory: String) throws -> WorkspaceOwner {
        let staging = directory + "/" + stagingName
        let fd = try Syscall.value(.open, path: staging) {
            open(staging, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        }
        let owner = WorkspaceOwner(fd: fd)
        _ = try FileLock.tryLock(fd, path: staging)  // a new file: nobody else holds it
        try Syscall.writeAll(fd, "\(getpid())\n", path: staging)
        let final = directory + "/" + fileName
        try Syscall.value(.rename, path: final) { rename(staging, final) }
        return owner
    }

    /// Drops the lock (the directory is gone by now).
    func release() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    deinit { release() }
}
