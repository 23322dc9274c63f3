import Foundation
import Glibc
import Testing

/// Lesson 11's built-in peer cases: real programs nobody here wrote, on the tour's sample. Each
/// one's verdict is the one its sources predict (Python's sendfile inside the kernel, Rust's
/// io::copy into a socket through user space, dd through user space); a program that is not
/// installed is one line and its checks are unavailable, never failed, with and without it.
@Suite struct PeerCaseTests {
    static func installed(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
    }

    static let cases: [(peer: String, program: String, verdict: String)] = [
        ("dd", "dd", "user-space"), ("python-copyfile", "python3", "kernel"), ("python-sendfile", "python3", "kernel"),
        ("rust-copy", "rustc", "kernel"), ("rust-send", "rustc", "user-space"),
    ]

    @Test(arguments: cases)
    func aPeerMovesTheBytesTheWayItsSourceSays(peer: String, program: String, verdict: String) throws {
        let result = try Zctour.run(["inspect", "--peer", peer, "--size", "1M", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let document = try #require(result.json)
        let summary = try #require(document["peer"] as? [String: Any])
        guard Self.installed(program) else {
            #expect(summary["skipped"] as? String == "\(program) is not installed: skipped")
            return
        }
        #expect(summary["verified"] as? Bool == true)
        #expect(summary["bytes"] as? Int == 1 << 20)
        #expect((document["verdict"] as? [String: Any])?["kind"] as? String == verdict, "\(document["verdict"] ?? "")")
    }

    /// The lesson on a machine without python3 and rustc: a PATH with only cp, cat and dd.
    /// It runs to the end, says once per case what it skipped, and every other check holds.
    @Test func lessonElevenRunsWithoutPythonAndRustc() throws {
        let bin = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: bin) }
        for tool in ["cp", "cat", "dd"] { #expect(symlink("/usr/bin/\(tool)", "\(bin)/\(tool)") == 0) }
        let result = try Zctour.run(["lesson", "your-stack", "--json"], environment: ["PATH": bin])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let checks = try #require(result.json?["checks"] as? [[String: Any]])
        var unavailable = 0
        for check in checks {
            let expect = check["expect"] as? String ?? ""
            if expect.hasPrefix("python-") || expect.hasPrefix("rust-") {
                unavailable += 1
                #expect(check["outcome"] as? String == "unavailable", "\(check)")
                let reason = check["reason"] as? String ?? ""
                #expect(reason == "python3 is not installed: skipped" || reason == "rustc is not installed: skipped", "\(check)")
            } else {
                #expect(check["outcome"] as? String == "passed", "\(check)")
            }
        }
        #expect(unavailable > 0)
        for (peer, program) in [("python-sendfile", "python3"), ("rust-copy", "rustc")] {
            let skipped = try Zctour.run(["inspect", "--peer", peer, "--size", "1M"], environment: ["PATH": bin])
            #expect(skipped.termination == .exited(0))
            #expect(skipped.stdout == "\(program) is not installed: skipped\n", "\(skipped.stdout)")
        }
    }

    /// A python3 on PATH that is a launcher script (as pyenv's shims are: bash, env, bash again,
    /// then the interpreter) is asked for its interpreter, and the inspection starts that one:
    /// one process, the interpreter's, and the script named. A real interpreter on PATH is run
    /// as it is.
    @Test func aLauncherScriptIsSeenThroughToItsInterpreter() throws {
        guard access("/usr/bin/python3", X_OK) == 0 else { return }
        let bin = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: bin) }
        let launcher = bin + "/python3"
        try "#!/bin/sh\nexec /usr/bin/env /usr/bin/python3 \"$@\"\n".write(toFile: launcher, atomically: true, encoding: .utf8)
        #expect(chmod(launcher, 0o755) == 0)
        let path = bin + ":/usr/bin:/bin"
        let result = try Zctour.run(["inspect", "--peer", "python-copyfile", "--size", "1M", "--json"], environment: ["PATH": path])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let document = try #require(result.json)
        let summary = try #require(document["peer"] as? [String: Any])
        #expect(summary["launcher"] as? String == launcher)
        #expect(summary["verified"] as? Bool == true)
        let processes = try #require(document["processes"] as? [[String: Any]])
        #expect(processes.count == 1, "\(processes.map { $0["executables"] ?? "" })")
        let executables = processes.first?["executables"] as? [String] ?? []
        #expect(executables.count == 1 && executables.allSatisfy { $0.hasPrefix("/usr/bin/python3") }, "\(executables)")
        let text = try Zctour.run(["inspect", "--peer", "python-copyfile", "--size", "1M"], environment: ["PATH": path, "COLUMNS": "200"])
        #expect(
            text.stdout.contains("python3 on PATH is a launcher script, \(launcher): inspected the executable it runs, /usr/bin/python3"),
            "\(text.stdout)")

        let direct = try Zctour.run(
            ["inspect", "--peer", "python-copyfile", "--size", "1M", "--json"], environment: ["PATH": "/usr/bin:/bin"])
        let directSummary = try #require(direct.json?["peer"] as? [String: Any])
        #expect(directSummary["launcher"] == nil)
        #expect((direct.json?["processes"] as? [[String: Any]])?.count == 1)
    }
}
