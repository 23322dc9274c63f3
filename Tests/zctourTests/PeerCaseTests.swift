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
}
