import Glibc
import Syscalls
import ZeroCopy

/// A peer's program found on PATH that is only a launcher script (pyenv's `python3` shim is a
/// bash script that runs `pyenv exec`, which runs env and bash again before the interpreter):
/// the case asks it for the executable it really runs (`PeerCase.executableQuery`), outside
/// the inspection, and the inspection starts that one, so its tables are the interpreter's.
enum PeerLauncher {
    /// The executable to inspect instead of `path`, or nil when `path` is not a script, the
    /// case has no query, or the answer is not an executable file (then `path` runs as it is).
    static func realExecutable(of path: String, for peer: PeerCase, in workspace: Workspace) -> String? {
        guard let query = peer.executableQuery, isScript(path) else { return nil }
        let answer = workspace.file("peer-\(peer.id).executable")
        defer { unlink(answer) }
        guard let status = try? PeerBuild.spawnAndWait(path, arguments: [peer.program] + query, messages: answer), status == 0,
            let said = try? Syscall.readAll(path: answer, limit: 4096)
        else { return nil }
        let executable = String(decoding: said, as: UTF8.self)
        guard executable.hasPrefix("/"), !executable.contains("\n"), access(executable, X_OK) == 0, !isScript(executable) else {
            return nil
        }
        return executable
    }

    /// Whether the file starts with `#!`: the kernel runs its interpreter, not the file.
    static func isScript(_ path: String) -> Bool {
        guard let fd = try? Syscall.value(.open, path: path, { open(path, O_RDONLY | O_CLOEXEC) }) else { return false }
        defer { close(fd) }
        var head: [UInt8] = [0, 0]
        let count =
            (try? Syscall.value(.read, path: path, descriptor: fd) { head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 2) } }) ?? 0
        return count == 2 && head == Array("#!".utf8)
    }
}
