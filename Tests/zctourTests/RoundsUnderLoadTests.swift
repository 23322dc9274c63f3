import Foundation
import Glibc
import TestSupport
import Testing

/// Comparisons on a busy machine: a CPU hog shares CPU 0 with zctour (both pinned there with
/// taskset), so every run competes for its core. Repeated comparisons must never give opposite
/// clear verdicts, and the preempted rows must be marked; no test here asserts a time.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset"), "needs taskset (util-linux)"))
struct RoundsUnderLoadTests {
    /// Runs `body` while a busy loop runs on CPU 0.
    func underLoad<T>(_ body: () throws -> T) throws -> T {
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { close(null) }
        let hog = try ChildProcess.spawn(
            "/usr/bin/taskset", arguments: ["taskset", "-c", "0", "/bin/sh", "-c", "while :; do :; done"], environment: [],
            input: null, output: null, error: null)
        defer {
            kill(hog.pid, SIGKILL)
            _ = try? hog.wait()
        }
        return try body()
    }

    /// zctour on CPU 0, beside the hog.
    func pinned(_ arguments: [String]) throws -> Zctour.Result {
        try Zctour.run(["taskset", "-c", "0", Zctour.binary] + arguments, executable: "/usr/bin/taskset")
    }

    /// The speed verdicts of a compare's rows (not the first, which is the baseline) and
    /// whether any row was marked preempted.
    func verdicts(_ arguments: [String]) throws -> (verdicts: [String: String], preempted: Int) {
        let result = try pinned(["compare"] + arguments + ["--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let ratios = try #require(result.json?["ratios"] as? [[String: Any]], "\(result.stdout)")
        var verdicts: [String: String] = [:]
        for ratio in ratios.dropFirst() {
            let label = try #require(ratio["label"] as? String)
            let speed = try #require(ratio["speed"] as? [String: Any])
            verdicts[label] = speed["verdict"] as? String
        }
        let runs = try #require(result.json?["runs"] as? [[String: Any]])
        let rows = runs + [result.json?["limit"] as? [String: Any] ?? [:]]
        let preempted = rows.compactMap { ($0["noise"] as? [String: Any])?["preempted_rounds"] as? Int }.reduce(0, +)
        return (verdicts, preempted)
    }

    func neverOpposite(_ arguments: [String], times: Int) throws {
        let seen = try underLoad { try (0..<times).map { _ in try verdicts(arguments) } }
        for label in seen.first?.verdicts.keys.sorted() ?? [] {
            let clear = Set(seen.compactMap { $0.verdicts[label] }.filter { $0 != "unclear" })
            #expect(clear.count <= 1, "\(label): opposite clear verdicts \(seen.map { $0.verdicts[label] ?? "-" })")
        }
        // Sharing a core with a busy loop, some round of some row waits for it.
        #expect(seen.contains { $0.preempted > 0 }, "no row was marked preempted under load")
    }

    @Test func mmapAgainstMmapCopyNeverFlipsUnderLoad() throws {
        try neverOpposite(["mmap", "mmap-copy", "--to", "null", "--size", "16M", "--rounds", "5"], times: 4)
    }

    @Test func readWriteAgainstReadWriteAllocNeverFlipsUnderLoad() throws {
        try neverOpposite(["read-write", "read-write-alloc", "--size", "16M", "--rounds", "5"], times: 4)
    }

    /// On screen: the mark beside the row's time, and its explanation once under the table.
    @Test func aPreemptedRowIsMarkedAndExplained() throws {
        let result = try underLoad { try pinned(["compare", "read-write", "mmap", "--size", "16M", "--rounds", "5", "--width", "120"]) }
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let marked = lines.filter {
            ($0.hasPrefix("  read-write ") || $0.hasPrefix("  mmap ") || $0.hasPrefix("  limit")) && $0.contains(" * ")
        }
        #expect(!marked.isEmpty, "\(result.stdout)")
        #expect(lines.filter { $0.contains("* preempted in some rounds:") }.count == 1, "\(result.stdout)")
    }

    /// doctor times a fixed workload; beside the hog it is preempted, and doctor says so.
    @Test func doctorWarnsAboutTheLoad() throws {
        let result = try underLoad { try pinned(["doctor", "--json"]) }
        let checks = try #require(result.json?["checks"] as? [[String: Any]], "\(result.stdout) \(result.stderr)")
        let noise = try #require(checks.first { $0["id"] as? String == "noise" })
        #expect(noise["status"] as? String == "warning", "\(noise)")
        #expect((noise["meaning"] as? String ?? "").contains("counts (syscalls, bytes, faults, allocations) stay exact"))
        #expect((noise["action"] as? String ?? "").contains("--rounds 15"))
    }
}
