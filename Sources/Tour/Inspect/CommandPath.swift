import Glibc
import Syscalls

/// CMD found as a shell finds it: a name with a slash as it is, any other name in the PATH
/// directories in order. Done before tracing, once, so the traced program makes one execve
/// (as under strace) instead of one failed execve per PATH directory, and so a missing or
/// unexecutable command gets one line and the shell's exit status (127, 126) instead of a trace.
enum CommandPath {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        /// Found, but not a file it may run.
        let executable: Bool
        var isDirectory = false
        var description: String {
            if isDirectory { return "\(name): is a directory, not a program; name the program to run in it" }
            return executable
                ? "\(name): not executable (permission denied); it needs the execute bit (chmod +x), or run it through its interpreter"
                : name.contains("/") ? "\(name): no such file" : "\(name): command not found in PATH"
        }
        /// The shell's status for it: 127 not found, 126 found but not executable.
        var exitStatus: Int32 { executable ? 126 : 127 }
    }

    static func resolve(_ name: String, path: String?) throws(Missing) -> String {
        if name.contains("/") {
            guard exists(name) else { throw Missing(name: name, executable: false) }
            guard isExecutableFile(name) else { throw Missing(name: name, executable: true, isDirectory: isDirectory(name)) }
            return name
        }
        var foundUnexecutable = false
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            if isExecutableFile(candidate) { return candidate }
            if exists(candidate) { foundUnexecutable = true }
        }
        throw Missing(name: name, executable: foundUnexecutable)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return (try? Syscall.value(.stat, path: path) { stat(path, &info) }) != nil
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return (try? Syscall.value(.stat, path: path) { stat(path, &info) }) != nil && info.st_mode & S_IFMT == S_IFDIR
    }

    /// A regular file we may execute: access(2) X_OK is true of directories too.
    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard (try? Syscall.value(.stat, path: path) { stat(path, &info) }) != nil, info.st_mode & S_IFMT == S_IFREG else {
            return false
        }
        return (try? Syscall.value(.access, path: path) { access(path, X_OK) }) != nil
    }
}
