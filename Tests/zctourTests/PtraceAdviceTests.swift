import Foundation
import Glibc
import Testing

/// doctor's advice for a refused ptrace follows what it found (issue 13: it named Yama's sysctl
/// on a kernel without Yama): Yama's scope where Yama is, a seccomp filter, a tracer already
/// attached. The machines are simulated with a /proc of their own (ZCTOUR_PROC_ROOT, whose
/// thread-self and self lead to the real ones) and a simulated refusal; the tracer is real strace.
@Suite struct PtraceAdviceTests {
    /// A /proc whose Yama scope is `scope` (none: no Yama) and whose status says `seccomp`.
    func procRoot(yama scope: String?, seccomp: String? = nil) throws -> String {
        let root = try Zctour.scratchDirectory()
        #expect(symlink("/proc/thread-self", root + "/thread-self") == 0)
        if let scope {
            try FileManager.default.createDirectory(atPath: root + "/sys/kernel/yama", withIntermediateDirectories: true)
            try (scope + "\n").write(toFile: root + "/sys/kernel/yama/ptrace_scope", atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: root + "/self", withIntermediateDirectories: true)
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8).split(separator: "\n")
            .map { line in seccomp != nil && line.hasPrefix("Seccomp:") ? "Seccomp:\t\(seccomp ?? "")" : String(line) }
        try status.joined(separator: "\n").write(toFile: root + "/self/status", atomically: false, encoding: .utf8)
        return root
    }

    func advice(_ root: String, refused: Bool = true) throws -> String {
        var environment = ["ZCTOUR_PROC_ROOT": root]
        if refused { environment["ZCTOUR_SIMULATE_PTRACE_REFUSAL"] = "1" }
        let result = try Zctour.run(["doctor", "--json"], environment: environment)
        let checks = try #require(result.json?["checks"] as? [[String: Any]], "\(result.stderr)")
        let ptrace = try #require(checks.first { $0["id"] as? String == "ptrace" })
        #expect(ptrace["status"] as? String == "warning")
        return ptrace["action"] as? String ?? ""
    }

    @Test func withoutYamaTheAdviceDoesNotNameIt() throws {
        let root = try procRoot(yama: nil)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let action = try advice(root)
        #expect(action.hasPrefix("this kernel has no Yama and no seccomp filter applies"), "\(action)")
        #expect(!action.contains("sysctl"))
    }

    @Test func yamaScope2NamesTheSysctlAndScope3SaysItWaitsForABoot() throws {
        let two = try procRoot(yama: "2")
        defer { try? FileManager.default.removeItem(atPath: two) }
        #expect(try advice(two).hasPrefix("Yama's ptrace_scope 2 lets only root trace: as root, sysctl kernel.yama.ptrace_scope=1"))
        let three = try procRoot(yama: "3")
        defer { try? FileManager.default.removeItem(atPath: three) }
        #expect(try advice(three).hasPrefix("Yama's ptrace_scope 3 cannot be lowered until the next boot"))
    }

    @Test func aSeccompFilterIsNamed() throws {
        let root = try procRoot(yama: "1", seccomp: "2")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let action = try advice(root)
        #expect(
            action.hasPrefix("Yama's ptrace_scope 1 allows tracing children, but zctour runs under a seccomp filter (Seccomp: 2)"),
            "\(action)")
    }

    /// Under strace -f, the traced zctour that doctor starts cannot ask for a tracer of its own:
    /// a real refusal, and the advice names strace.
    @Test func aTracerAlreadyAttachedIsNamed() throws {
        try #require(access("/usr/bin/strace", X_OK) == 0, "strace is needed: scripts/ensure-deps.sh installs it")
        let result = try Zctour.run(
            ["strace", "-f", "-o", "/dev/null", Zctour.binary, "doctor", "--json"], environment: ["ZCTOUR_LESSONS": Zctour.lessons],
            executable: "/usr/bin/strace")
        let checks = try #require(result.json?["checks"] as? [[String: Any]], "\(result.stderr)")
        let ptrace = try #require(checks.first { $0["id"] as? String == "ptrace" })
        #expect(ptrace["status"] as? String == "warning")
        #expect((ptrace["action"] as? String ?? "").hasPrefix("zctour itself is being traced, by strace (pid "), "\(ptrace)")
    }
}
