import CShims
import Foundation
import Glibc

/// Runs the built `zctour` binary as a user would, capturing its output through files (no
/// pipe can fill up and block it).
struct Zctour {
    struct Result {
        let status: Int32
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

    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../lessons").standardized.path

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
        let pid = Terminal.withCStrings(argv) { cArgv in
            Terminal.withCStrings(env.map { "\($0.key)=\($0.value)" }) { cEnvp in
                zc_spawn(program, cArgv, cEnvp, stdinFD, stdoutFD, stderrFD)
            }
        }
        guard pid > 0 else { throw POSIXError(.ECHILD) }
        if let (number, delay) = signal {
            usleep(UInt32(delay * 1_000_000))
            kill(pid, number)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(
            status: code,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
