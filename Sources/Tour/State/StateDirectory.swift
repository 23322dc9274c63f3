import Foundation
import Glibc
import Syscalls

/// Where zctour keeps what outlives a run: `$XDG_STATE_HOME/zctour` (default
/// `~/.local/state/zctour`) for progress and history. Every file in it is opened without
/// following a symbolic link (a link planted there is refused, never written through) and
/// replaced atomically (`AtomicFileWriter`: a temporary file made with O_EXCL beside it,
/// flushed, renamed over the target, which replaces a link rather than following it), so a
/// crash or Ctrl-C never leaves half a file. Read-modify-write happens under `withLock`, so two
/// zctour processes take turns instead of losing each other's updates.
public struct StateDirectory: Sendable {
    public let path: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            path = state + "/zctour"
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            path = home + "/.local/state/zctour"
        }
    }

    public func file(_ name: String) -> String { path + "/" + name }

    static let lockName = "lock"

    /// Creates the directory and its parents (mode 0700), like `mkdir -p`, and checks that it is
    /// a directory of this user's and not a link to one elsewhere: under `sudo` with the
    /// learner's HOME, state written through a link would land wherever the link points.
    func create() throws {
        var partial = ""
        for component in path.split(separator: "/") {
            partial += "/" + component
            do {
                try Syscall.value(.mkdir, path: partial) { mkdir(partial, 0o700) }
            } catch let error as SystemError where error.errno == EEXIST {
                continue
            } catch let error as SystemError {
                throw RuntimeFailure("cannot create \(path) for progress and history: \(error)")
            }
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw RuntimeFailure("cannot use \(path) for progress: it vanished") }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw RuntimeFailure("cannot use \(path) for progress: it is a symbolic link or a file, not a directory")
        }
        guard info.st_uid == geteuid() else {
            throw RuntimeFailure("cannot use \(path) for progress: it belongs to user \(info.st_uid), not to you (user \(geteuid()))")
        }
    }

    /// Runs `body` holding the directory's lock (flock on its `lock` file), waiting while another
    /// zctour holds it; the lock goes when `body` returns, or when the process ends however it ends.
    func withLock<T>(_ body: () throws -> T) throws -> T {
        try create()
        let lockPath = file(StateDirectory.lockName)
        let fd: Int32
        do {
            fd = try Syscall.value(.open, path: lockPath) { open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600) }
            try FileLock.lock(fd, path: lockPath)
        } catch let error as SystemError {
            throw RuntimeFailure("cannot lock \(lockPath): \(error)")
        }
        defer { close(fd) }
        return try body()
    }

    /// What reading a state file found.
    enum Contents {
        case missing
        case bytes([UInt8])
        /// There, but it could not be read (no permission, a link, a directory, too large).
        case unreadable(String)
    }

    /// Reads `name` whole, without following a link.
    func read(_ name: String, limit: Int) -> Contents {
        let target = file(name)
        let fd: Int32
        do {
            fd = try Syscall.value(.open, path: target) { open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        } catch let error as SystemError where error.errno == ENOENT {
            return .missing
        } catch let error as SystemError {
            return .unreadable(error.errno == ELOOP ? "it is a symbolic link, which zctour does not follow" : error.reason)
        } catch {
            return .unreadable("\(error)")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .unreadable("it is not a regular file") }
        do {
            return .bytes(try Syscall.readAll(fd, limit: limit, path: target))
        } catch let error as SystemError {
            return .unreadable(error.reason)
        } catch let error as ReadLimitExceeded {
            return .unreadable("it holds more than \(ByteSize.format(error.limit)), far more than zctour ever writes")
        } catch {
            return .unreadable("\(error)")
        }
    }

    /// Writes `data` to `name` atomically. State saved on the way out of an interrupted command
    /// still lands: an interruption does not discard it.
    func write(_ data: Data, to name: String) throws {
        try create()
        let target = file(name)
        do {
            try data.withUnsafeBytes { bytes in
                try AtomicFileWriter.write(bytes, to: target, permissions: .ownerOnly, target: .path, discardsWhenInterrupted: false)
            }
        } catch let error as SystemError {
            throw RuntimeFailure("cannot write \(target): \(error)")
        }
    }

    /// Moves `name` out of the way under a name of its own (`progress.json.damaged`, then
    /// `.damaged-2`...), never over an earlier one: link(2) refuses a name that exists. Returns
    /// the new path, or nil when it could not be moved.
    func keepAside(_ name: String, as kind: String) -> String? {
        let original = file(name)
        for attempt in 1...100 {
            let aside = original + "." + kind + (attempt == 1 ? "" : "-\(attempt)")
            if link(original, aside) == 0 {
                unlink(original)
                return aside
            }
            if errno == EEXIST { continue }
            // A filesystem without hard links: rename, after checking that nothing is there.
            var info = stat()
            if lstat(aside, &info) == 0 { continue }
            return rename(original, aside) == 0 ? aside : nil
        }
        return nil
    }

    /// Temporary files that writers killed half way left here (`.progress.json.XXXXXX`).
    func removeAbandonedFiles() -> [String] {
        [Progress.fileName, "history"].flatMap { AtomicFileWriter.removeAbandoned(besideTarget: file($0)) }
    }
}
