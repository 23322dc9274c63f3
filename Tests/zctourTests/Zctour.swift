import Foundation
import Glibc
import TestSupport

/// Runs the built `zctour` binary as a user would, capturing its output through files (no
/// pipe can fill up and block it).
struct Zctour {
    struct Result {
        /// An exit status, or the signal that killed the binary: a test that expects the
        /// graceful 143 after SIGTERM fails on a death by SIGTERM.
        let termination: Termination
        let stdout: String
        let stderr: String

        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    /// The binary beside the test bundle: both are products of the same build.
    static let binary: String = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("zctour").path
    }()

    static let lessons = Fixtures.lessons.path

    /// How many lessons ship: what "Lesson 1 of N" and the prompt's "1/N" count.
    static let lessonCount = ((try? FileManager.default.contentsOfDirectory(atPath: lessons)) ?? []).filter { $0.hasSuffix(".md") }.count

    /// A fresh empty directory, to use as TMPDIR and check that nothing is left in it.
    static func scratchDirectory() throws -> String {
        var template = Array("/tmp/zctour-test.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw POSIXError(.EIO)
        }
        return String(cString: made)
    }

    static func run(
        _ arguments: [String], environment: [String: String] = [:],
        input: String? = nil, signal: (Int32, after: Double)? = nil, executable: String? = nil
    ) throws -> Result {
        let scratch = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = scratch + "/stdout"
        let errPath = scratch + "/stderr"
        let inPath = scratch + "/stdin"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8))
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "100"
        env["ZCTOUR_LESSONS"] = lessons
        env["XDG_STATE_HOME"] = "/nonexistent-state"  // tests that use the state give their own
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] where env[name]?.lowercased().hasPrefix("zh") == true {
            env[name] = "C.UTF-8"  // the tests expect English unless they ask for Chinese
        }
        for (key, value) in environment { env[key] = value }
        let stdinFD = open(input == nil ? "/dev/null" : inPath, O_RDONLY | O_CLOEXEC)
        let stdoutFD = open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let stderrFD = open(errPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            close(stdinFD)
            close(stdoutFD)
            close(stderrFD)
        }
        let program = executable ?? binary
        let argv = executable == nil ? [binary] + arguments : arguments
        let child = try ChildProcess.spawn(
            program, arguments: argv, environment: env.map { "\($0.key)=\($0.value)" },
            input: stdinFD, output: stdoutFD, error: stderrFD)
        if let (number, delay) = signal {
            usleep(UInt32(delay * 1_000_000))
            kill(child.pid, number)
        }
        let termination = try child.wait()
        return Result(
            termination: termination,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
