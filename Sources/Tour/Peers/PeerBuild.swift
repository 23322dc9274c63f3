import Glibc
import Syscalls
import ZeroCopy

/// A peer that zctour compiles itself (`PeerCase.Build`): the source written into the private
/// directory and compiled there, before and outside the inspection, once per session. The
/// compiler's messages go to a file beside it, shown in the one line that says it failed.
enum PeerBuild {
    static func binary(_ build: PeerCase.Build, compiler: String, in workspace: Workspace) throws -> String {
        let binary = workspace.file(String(build.file.prefix { $0 != "." }))
        if access(binary, X_OK) == 0 { return binary }
        let source = workspace.file(build.file)
        let fd = try Syscall.value(.open, path: source) { open(source, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        defer { close(fd) }
        try Syscall.writeAll(fd, build.source, path: source)
        let messages = workspace.file(build.file + ".messages")
        defer { unlink(messages) }
        let status = try spawnAndWait(compiler, arguments: [compiler] + build.arguments(source, binary), messages: messages)
        guard status == 0, access(binary, X_OK) == 0 else {
            let said = (try? Syscall.readAll(path: messages, limit: 1 << 20)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let last = said.split(separator: "\n").first { $0.contains("error") } ?? said.split(separator: "\n").last ?? ""
            throw RuntimeFailure(
                "\(compiler) could not compile the \(build.file) peer (exit status \(status))\(last.isEmpty ? "" : ": \(last)")")
        }
        return binary
    }

    /// Runs `path` with its standard output and error in `messages`, standard input /dev/null,
    /// and waits for it: its exit status, or 128 + the signal that ended it.
    static func spawnAndWait(_ path: String, arguments: [String], messages: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, messages, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        try Syscall.returningErrno(.execve, path: path) { posix_spawn(&pid, path, &actions, nil, &argv, environ) }
        var status: Int32 = 0
        try Syscall.value(.waitpid) { waitpid(pid, &status, 0) }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
