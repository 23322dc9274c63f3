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

    static func run(_ arguments: [String], environment: [String: String] = [:],
                    input: String? = nil, signal: (Int32, after: Double)? = nil, executable: String? = nil) throws -> Result {
        let scratch = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = scratch + "/stdout", errPath = scratch + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = executable == nil ? arguments : Array(arguments.dropFirst())
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "100"
        env["ZCTOUR_LESSONS"] = lessons
        env["XDG_STATE_HOME"] = "/nonexistent-state"  // tests that use the state give their own
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let input {
            let inPath = scratch + "/stdin"
            _ = FileManager.default.createFile(atPath: inPath, contents: Data(input.utf8))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        if let (number, delay) = signal {
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, number)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
