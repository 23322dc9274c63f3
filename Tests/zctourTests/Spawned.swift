import Foundation
import Glibc
import Synchronization
import TestSupport

/// The built binary started with the descriptors and arguments `Zctour.run` cannot give: standard
/// input from a device or a directory, standard output into /dev/full or a pipe nobody reads, a
/// time limit (a hang is then a failure that says so, not a test that never ends), and as
/// another user (`Unprivileged`).
struct Spawned {
    let termination: Termination?
    let stdout: String
    let stderr: String

    /// Runs `argv` (argv[0] the program) with zctour's usual test environment plus `environment`.
    /// `stdin` and `stdout` are opened from paths (stdout nil: a file of its own, read back);
    /// `stdoutFD` gives a descriptor instead. Killed after `timeout` seconds (termination then
    /// `.signalled(SIGKILL)`).
    static func run(
        _ argv: [String], environment: [String: String] = [:], stdin: String = "/dev/null", stdout: String? = nil,
        stdoutFD: Int32? = nil, timeout: Double = 60, signal: (Int32, after: Double)? = nil
    ) throws -> Spawned {
        let scratch = try Zctour.scratchDirectory()
        chmod(scratch, 0o755)  // another user's zctour writes its output here
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = stdout ?? scratch + "/stdout"
        let errPath = scratch + "/stderr"
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "100"
        env["ZCTOUR_LESSONS"] = Zctour.lessons
        env["XDG_STATE_HOME"] = "/nonexistent-state"
        for (key, value) in environment { env[key] = value }
        let inFD = open(stdin, O_RDONLY | O_CLOEXEC)
        let outFD = stdoutFD ?? open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        let errFD = open(errPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        fchmod(errFD, 0o666)
        if stdout == nil && stdoutFD == nil { fchmod(outFD, 0o666) }
        defer {
            close(inFD)
            if stdoutFD == nil { close(outFD) }
            close(errFD)
        }
        let child = try ChildProcess.spawn(
            argv[0], arguments: argv, environment: env.map { "\($0.key)=\($0.value)" }, input: inFD, output: outFD, error: errFD)
        let start = Date()
        var signalled = false
        var termination: Termination?
        while termination == nil {
            termination = child.poll()
            if termination != nil { break }
            let elapsed = Date().timeIntervalSince(start)
            if let (number, after) = signal, !signalled, elapsed >= after {
                kill(child.pid, number)
                signalled = true
            }
            if elapsed > timeout {
                kill(child.pid, SIGKILL)
                termination = try child.wait()
                break
            }
            usleep(10_000)
        }
        return Spawned(
            termination: termination,
            stdout: stdout == nil && stdoutFD == nil ? (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" : "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// The lines of stderr.
    var errorLines: [Substring] { stderr.split(separator: "\n") }
}

/// Another user than root, for what root is exempt from (file modes, RLIMIT_MEMLOCK): as root,
/// `setpriv` (util-linux) drops to a uid of the test's own (no account is needed); as anyone
/// else, the test runs as itself. Nil, with the reason, where neither works.
///
/// Each `user()` is a different uid because the kernel charges pinned pages (a ring's own, its
/// registered buffers, zero-copy sends in flight) to the *user*, across all of that user's
/// processes, against each process's own limit: io_uring/rsrc.c `__io_account_mem` adds to
/// `user->locked_vm`. Tests in parallel as one user made a 64 KiB-limited run fail at
/// io_uring_setup because another test's rings held that user's pages.
enum Unprivileged {
    /// `nobody`: the owner of what only has to be another user's (a learner's file).
    static let uid: uid_t = 65534

    /// The next uid to hand out, one per test that asks, from a block of 64 of this test
    /// process's own: another checkout's `make test` at the same time must not run as the same
    /// uids either, whose pinned pages the kernel would charge together.
    private static let nextUID = Mutex<uid_t>(100_000 + uid_t(getpid()) * 64)

    /// A user of its own for one test: the words that run a command as it, and its uid.
    struct User {
        let uid: uid_t
        let prefix: [String]

        /// A fresh directory this user owns.
        func directory() throws -> String {
            let path = try Zctour.scratchDirectory()
            if geteuid() == 0 { chown(path, uid, gid_t(uid)) }
            return path
        }
    }

    /// A user no other test runs as, or why none can be had here.
    static func user() -> Result<User, Skip> {
        guard geteuid() == 0 else { return .success(User(uid: geteuid(), prefix: [])) }
        guard access("/usr/bin/setpriv", X_OK) == 0 else { return .failure(Skip("setpriv (util-linux) is not installed")) }
        let uid = nextUID.withLock { next in
            defer { next += 1 }
            return next
        }
        let prefix = ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--"]
        // The binary must be reachable by that user.
        let probe = try? Spawned.run(prefix + [Zctour.binary, "--help"], timeout: 20)
        guard probe?.termination == .exited(0) else {
            return .failure(Skip("user \(uid) cannot run \(Zctour.binary): \(probe?.stderr ?? "")"))
        }
        return .success(User(uid: uid, prefix: prefix))
    }

    struct Skip: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
