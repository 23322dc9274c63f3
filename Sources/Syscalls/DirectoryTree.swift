import Glibc

/// A directory and everything under it, walked through descriptors (openat, unlinkat) that
/// never follow a symbolic link: a link inside, or one swapped in for the directory itself, is
/// removed as a link, and what it points to is never touched. Names are kept as the bytes the
/// kernel gave, so a name that is not UTF-8 is removed too. Errors are not thrown: removal is
/// best effort on the way out, and what could not be removed simply stays.
public enum DirectoryTree {
    /// Removes `path` and everything in it (`rm -r` that never follows a link). Safe on a path
    /// that is already gone.
    public static func remove(_ path: String) {
        let (parent, name) = split(path)
        let parentFD = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parentFD >= 0 else { return }
        defer { close(parentFD) }
        remove(Array(name.utf8CString), in: parentFD)
    }

    /// The bytes the regular files under `path` hold (their sizes), for a report.
    public static func size(_ path: String) -> Int {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        return fd >= 0 ? size(of: fd) : 0
    }

    /// A name as the kernel spells it, NUL-terminated.
    typealias Name = [CChar]

    private static func size(of fd: Int32) -> Int {
        var total = 0
        for (name, info) in entries(fd) {
            switch info.st_mode & S_IFMT {
            case S_IFREG: total += Int(info.st_size)
            case S_IFDIR:
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 { total += size(of: child) }
            default: break
            }
        }
        close(fd)
        return total
    }

    /// Removes the entry `name` of the directory `parentFD`: a directory with everything in it,
    /// anything else (a file, a link) itself.
    private static func remove(_ name: Name, in parentFD: Int32) {
        var info = stat()
        guard fstatat(parentFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            unlinkat(parentFD, name, 0)
            return
        }
        let fd = openat(parentFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 {
            for (entry, _) in entries(fd) { remove(entry, in: fd) }
            close(fd)
        }
        unlinkat(parentFD, name, AT_REMOVEDIR)
    }

    /// Every entry of the directory `fd` but `.` and `..`, with its lstat. `fd` stays open.
    private static func entries(_ fd: Int32) -> [(Name, stat)] {
        let copy = dup(fd)
        guard copy >= 0 else { return [] }
        guard let dir = fdopendir(copy) else {
            close(copy)
            return []
        }
        defer { closedir(dir) }
        var found: [(Name, stat)] = []
        while let entry = readdir(dir) {
            let name: Name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                raw.prefix { $0 != 0 }.map { CChar(bitPattern: $0) } + [0]
            }
            if name == [46, 0] || name == [46, 46, 0] { continue }  // . and ..
            var info = stat()
            if fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 { found.append((name, info)) }
        }
        return found
    }

    /// `/a/b/c` → (`/a/b`, `c`); `c` → (`.`, `c`).
    static func split(_ path: String) -> (String, String) {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let parent = slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
        return (parent, String(trimmed[trimmed.index(after: slash)...]))
    }
}
