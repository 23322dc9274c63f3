import Glibc
import ZeroCopy

/// A file that appears whole or not at all: written to a temporary file beside it (same
/// directory, so the rename cannot cross filesystems), flushed, then renamed over the target.
/// The temporary file is created up front, so a bad path fails before minutes of lessons run;
/// it is removed on any error, Ctrl-C or SIGTERM (which unwind through `discard`).
final class AtomicFile {
    let path: String
    private let temporary: String
    private var fd: Int32
    private var finished = false

    init(path asked: String) throws(UsageError) {
        let path = try AtomicFile.regularTarget(asked)
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw UsageError("-o \(asked) names a directory; give a file name, e.g. -o handout.html") }
        var template = Array("\(directory)/.\(name).XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard made >= 0 else {
            let code = errno
            throw UsageError("cannot write \(path): \(AtomicFile.describe(code)) in \(directory)")
        }
        fd = made
        _ = fcntl(made, F_SETFD, FD_CLOEXEC)  // a traced child started meanwhile must not hold it
        temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkstemp makes it 0600; a handout is meant to be shared, so honour the umask instead.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
    }

    deinit { discard() }

    /// Writes `text`, flushes it to storage and renames it into place. A signal that arrived
    /// meanwhile discards it instead.
    func commit(_ text: String) throws {
        guard !finished else { return }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR {
                    try interrupted()
                    continue
                }
                let code = errno
                discard()
                throw RuntimeFailure("cannot write \(path): \(AtomicFile.describe(code))")
            }
            offset += written
        }
        if fsync(fd) != 0 && errno != EINVAL {
            let code = errno
            discard()
            throw RuntimeFailure("cannot write \(path): fsync failed: \(AtomicFile.describe(code))")
        }
        try interrupted()
        close(fd)
        fd = -1
        guard rename(temporary, path) == 0 else {
            let code = errno
            discard()
            throw RuntimeFailure("cannot replace \(path): \(AtomicFile.describe(code))")
        }
        finished = true
    }

    private func interrupted() throws {
        if let signal = Interruption.pending {
            discard()
            throw Interrupted(signal: signal)
        }
    }

    /// The file a rename may replace: `path` itself, or the file a symbolic link points to (the
    /// link stays). Anything else that exists there (a directory, a device such as /dev/null or
    /// /dev/stdout's terminal, a pipe) is refused: renaming over it would destroy it.
    static func regularTarget(_ path: String) throws(UsageError) -> String {
        var link = stat()
        guard lstat(path, &link) == 0 else { return path }  // a new file
        var target = path
        if (link.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw UsageError(
                    "-o \(path) is a symbolic link that leads to no file zctour could replace; leave -o out to print to standard output")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        var info = stat()
        guard stat(target, &info) == 0 else { return target }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return target
        case S_IFDIR: throw UsageError("-o \(path) is a directory; give a file name, e.g. -o \(path)/handout.html")
        default:
            throw UsageError(
                "-o \(path) is not a regular file (a device, pipe or socket), which zctour will not replace; "
                    + "leave -o out to print to standard output")
        }
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Removes the temporary file; the target is untouched.
    func discard() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temporary)
    }
}
