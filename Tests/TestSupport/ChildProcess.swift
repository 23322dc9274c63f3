import CTestSupport
import Glibc

/// A child started with fork and execve (CTestSupport), as a user's shell would start zctour:
/// not Foundation's Process, which reaps children of its own accord and cannot give a child a
/// controlling terminal.
public struct ChildProcess: Sendable {
    public let pid: pid_t
    /// The pseudo-terminal's master side, for a child started on one; -1 otherwise.
    public let master: Int32

    /// Starts `path` with `arguments` (argv, argv[0] included) and `environment` (`KEY=value`),
    /// its standard input, output and error on the given descriptors.
    public static func spawn(
        _ path: String, arguments: [String], environment: [String], input: Int32, output: Int32, error: Int32
    ) throws(ChildProcessError) -> ChildProcess {
        let pid = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in zc_spawn(path, argv, envp, input, output, error) }
        }
        guard pid > 0 else { throw ChildProcessError(call: "spawn \(path)", errno: Glibc.errno) }
        return ChildProcess(pid: pid, master: -1)
    }

    /// Starts `path` as the session leader of a new pseudo-terminal of `rows` by `columns`, which
    /// is its controlling terminal: what it prints is read from `master`, and keys written to
    /// `master` reach it as typed (Ctrl-C raises SIGINT in it).
    public static func spawnOnPseudoTerminal(
        _ path: String, arguments: [String], environment: [String], rows: UInt16, columns: UInt16
    ) throws(ChildProcessError) -> ChildProcess {
        var master: Int32 = -1
        let pid = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in zc_spawn_on_pty(path, argv, envp, rows, columns, &master) }
        }
        guard pid > 0 else { throw ChildProcessError(call: "spawn \(path)", errno: Glibc.errno) }
        return ChildProcess(pid: pid, master: master)
    }

    /// Waits until the child ends and reaps it.
    public func wait() throws(ChildProcessError) -> Termination {
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, 0)
            if result == pid, let termination = Termination(waitStatus: status) { return termination }
            if result < 0 && errno != EINTR { throw ChildProcessError(call: "waitpid(\(pid))", errno: errno) }
        }
    }

    /// How the child ended, reaping it, or nil while it runs.
    public func poll() -> Termination? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return Termination(waitStatus: status)
    }

    /// Runs `body` with `strings` as a NULL-terminated array of C strings (an argv or envp).
    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("an array with one element has storage") }
            return body(base)
        }
    }
}
