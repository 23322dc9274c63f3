import Foundation
import Glibc
import Testing

/// The io_uring demos end to end: exact counts of enters and operations, what /proc and the
/// tracer see (strace as the witness), refusals simulated and real, Ctrl-C with operations in
/// flight, and the demos as an unprivileged user.
@Suite struct RingTests {
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> [String: Any] {
        let result = try Zctour.run(arguments + ["--json"], environment: environment)
        #expect(result.termination == .exited(0), "\(arguments): \(result.stderr)")
        return try #require(result.json?["run"] as? [String: Any], "\(result.stdout)")
    }

    /// (demo, its arguments, chunks, operations per chunk): 1,000,003 bytes in 64 KiB chunks is 16.
    static let demos: [(String, [String], Int, Int)] = [
        ("uring-read", ["--to", "null"], 16, 2), ("uring-fixed", ["--to", "file"], 16, 2),
        ("uring-splice", ["--to", "socket"], 16, 2), ("uring-send-zc", [], 16, 1),
    ]

    @Test(arguments: demos.map(\.0))
    func eachDemoVerifiesWithExactCountsAndUnseenCounters(demo: String) throws {
        let (_, options, chunks, perChunk) = try #require(RingTests.demos.first { $0.0 == demo })
        let run = try run(["run", demo, "--size", "1000003", "--buffer", "64K", "--queue", "5"] + options)
        #expect(run["verified"] as? Bool == true)
        #expect(run["bytes"] as? Int == 1_000_003)
        #expect(run["calls"] as? Int == 4)  // ⌈16 / 5⌉ waves
        #expect(run["queue"] as? Int == 5)
        let ring = try #require(run["ring"] as? [String: Any])
        #expect(ring["enters"] as? Int == 4)
        #expect(ring["submitted"] as? Int == chunks * perChunk)
        #expect(ring["completed"] as? Int == chunks * perChunk)
        #expect(ring["failed"] as? Int == 0)
        let counters = try #require(run["counters"] as? [String: Any])
        for name in ["syscr", "syscw", "rchar", "wchar"] { #expect(counters[name] as? Int == 0, "\(name)") }
        let blind = try #require(run["counters_blind"] as? [String: Any])
        #expect(blind["counters"] as? [String] == ["syscr", "syscw", "rchar", "wchar"])
        if demo == "uring-send-zc" {
            #expect(ring["notifications"] as? Int == chunks)
            #expect(ring["zc_copied"] as? Int == chunks)  // loopback copies
        }
    }

    /// The run view says unseen, shows the ring beside the syscalls, and takes storage for the
    /// process, where io-wq's workers wrote the file.
    @Test func theRunViewShowsTheRingAndTheProcessStorage() throws {
        let result = try Zctour.run(["run", "uring-read", "--size", "4M", "--buffer", "64K", "--to", "file"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("syscalls read-type (syscr) unseen write-type (syscw) unseen"))
        #expect(lines.contains("ring io_uring_enter calls 8 in flight per call 8"))
        #expect(lines.contains("operations submitted 128 completed (CQEs) 128 (0 failed)"))
        #expect(lines.contains("READ 64 WRITE 64"))
        #expect(lines.contains { $0.hasPrefix("storage read_bytes (process)") && $0.hasSuffix("write_bytes (process) 4 MiB") })
        #expect(!result.stdout.contains("--queue"), "no note for a queue nobody asked for")

        // A deeper queue than the run has chunks is lowered to them, and the run says so.
        let deep = try Zctour.run(["run", "uring-read", "--size", "1M", "--buffer", "64K", "--queue", "64", "--json"])
        let run = try #require(deep.json?["run"] as? [String: Any], "\(deep.stderr)")
        #expect(run["queue"] as? Int == 16)
        #expect(
            (run["notes"] as? [String] ?? []).contains(
                "--queue 64 is more than the run's 16 chunks of 64 KiB: 16 in flight, one per chunk"), "\(run["notes"] ?? "")")
    }

    /// The tracer's io_uring_enter lines, decoded, against strace's for the same demo run the
    /// same way: the same number of calls, handing over and waiting for the same counts.
    @Test func theEntersAreTheOnlyCallsAndStraceDecodesThemAlike() throws {
        try #require(access("/usr/bin/strace", X_OK) == 0, "strace is needed: scripts/ensure-deps.sh installs it")
        let demo = ["uring-read", "--size", "1M", "--buffer", "16K", "--queue", "4", "--to", "null"]
        let run = try run(["trace"] + demo + ["--lines", "100"])
        let syscalls = try #require(run["syscalls"] as? [String: [String: Int]])
        #expect(syscalls.keys.sorted() == ["io_uring_enter"], "\(syscalls)")
        #expect(syscalls["io_uring_enter"]?["calls"] == 16)
        let ours = try #require(run["trace_lines"] as? [String]).map { line -> [Int] in
            // io_uring_enter(5, to_submit: 8, min_complete: 8, GETEVENTS) = 8
            line.split(whereSeparator: { !$0.isNumber }).dropFirst().compactMap { Int($0) }
        }
        #expect(ours.count == 16)
        #expect(ours.allSatisfy { $0 == [8, 8, 8] }, "\(ours)")
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let log = scratch + "/strace.log"
        let traced = try Zctour.run(
            ["/usr/bin/strace", "-f", "-qq", "-e", "trace=io_uring_enter", "-o", log, Zctour.binary, "__trace-child"] + demo,
            environment: ["TMPDIR": scratch], executable: "/usr/bin/strace")
        #expect(traced.termination == .exited(0), "\(traced.stderr)")
        // 1234 io_uring_enter(5, 8, 8, IORING_ENTER_GETEVENTS, NULL, 0) = 8
        let theirs = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").compactMap { line -> [Int]? in
            guard let call = line.range(of: "io_uring_enter(") else { return nil }
            let fields = line[call.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 3, let submit = Int(fields[1]), let wait = Int(fields[2]),
                let result = line.split(separator: "=").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
            else { return nil }
            return [submit, wait, result]
        }
        #expect(theirs == ours, "strace \(theirs) against zctour \(ours)")
    }

    /// (ZCTOUR_SIMULATE_URING, what the one line must say)
    static let refusals: [(String, String)] = [
        ("enosys", "io_uring is not available: io_uring_setup failed: ENOSYS"),
        ("eperm", "although kernel.io_uring_disabled is 0: a seccomp filter"),
        ("disabled=1", "io_uring is disabled for users outside kernel.io_uring_group (kernel.io_uring_disabled = 1)"),
        ("disabled=2", "io_uring is disabled on this system (kernel.io_uring_disabled = 2)"),
        ("memlock", "the locked-memory limit (ulimit -l"),
    ]

    @Test(arguments: refusals.map(\.0))
    func aRefusedRingIsOneLineAndStatus1(simulation: String) throws {
        let said = try #require(RingTests.refusals.first { $0.0 == simulation }?.1)
        let result = try Zctour.run(["run", "uring-read", "--size", "1M"], environment: ["ZCTOUR_SIMULATE_URING": simulation])
        #expect(result.termination == .exited(1))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("zctour: uring-read: ") == true)
        #expect(lines.first?.contains(said) == true, "\(result.stderr)")
        #expect(lines.first?.hasSuffix("[simulated by ZCTOUR_SIMULATE_URING]") == true)
        #expect(result.stdout.isEmpty)
    }

    /// A missing opcode refuses the demo that needs it, and only that one.
    @Test func aMissingOpcodeRefusesOnlyItsDemo() throws {
        let environment = ["ZCTOUR_SIMULATE_URING": "no-send-zc"]
        let refused = try Zctour.run(["run", "uring-send-zc", "--size", "1M"], environment: environment)
        #expect(refused.termination == .exited(1))
        #expect(refused.stderr.contains("this kernel's io_uring has no SEND_ZC: IORING_REGISTER_PROBE says it is unsupported"))
        #expect(try run(["run", "uring-read", "--size", "1M"], environment: environment)["verified"] as? Bool == true)
    }

    /// Where io_uring is refused the lesson still runs to the end: every check on a ring demo is
    /// unavailable, none failed; doctor warns with what that costs; check-all holds.
    @Test func aRefusedRingCostsTheLessonItsChecksNotItsRun() throws {
        let environment = ["ZCTOUR_SIMULATE_URING": "disabled=2"]
        let lesson = try Zctour.run(["lesson", "io-uring", "--json"], environment: environment)
        #expect(lesson.termination == .exited(0), "\(lesson.stderr)")
        let checks = try #require(lesson.json?["checks"] as? [[String: Any]])
        #expect(!checks.isEmpty)
        for check in checks {
            #expect(check["outcome"] as? String == "unavailable", "\(check)")
            #expect((check["reason"] as? String)?.contains("kernel.io_uring_disabled = 2") == true)
        }
        let doctor = try Zctour.run(["doctor", "--json"], environment: environment)
        #expect(doctor.termination == .exited(0), "a refused io_uring is a warning, not a blocker")
        let findings = try #require(doctor.json?["checks"] as? [[String: Any]])
        let ring = try #require(findings.first { $0["id"] as? String == "io_uring" })
        #expect(ring["status"] as? String == "warning")
        #expect((ring["finding"] as? String)?.contains("kernel.io_uring_disabled = 2") == true)
        // Every `expect` on a ring demo in the shipped lessons, this lesson's and choosing's.
        let lessons = try FileManager.default.contentsOfDirectory(atPath: Zctour.lessons).filter { $0.hasSuffix(".md") }
        let ringChecks = try lessons.flatMap { name in
            try String(contentsOfFile: Zctour.lessons + "/" + name, encoding: .utf8).split(separator: "\n")
                .filter { $0.hasPrefix("expect ") && $0.contains("uring-") }
        }
        #expect(ringChecks.count >= checks.count)
        #expect((ring["meaning"] as? String)?.contains("the lessons' \(ringChecks.count) checks on them") == true, "\(ring)")
        #expect((ring["action"] as? String)?.contains("sysctl kernel.io_uring_disabled=0") == true)
        let all = try Zctour.run(["check-all", "io-uring", "--json"], environment: environment)
        #expect(all.termination == .exited(0), "\(all.stderr)")
        let challenges = try #require((all.json?["lessons"] as? [[String: Any]])?.first?["challenges"] as? [[String: Any]])
        #expect(challenges.map { $0["solution"] as? String } == Array(repeating: "unavailable", count: challenges.count))
    }

    /// compare and choose leave a refused ring row out and say why; the other rows are measured.
    @Test func compareAndChooseGoOnWithoutARefusedRow() throws {
        let environment = ["ZCTOUR_SIMULATE_URING": "enosys"]
        let compare = try Zctour.run(
            ["compare", "read-write", "uring-read", "--size", "1M", "--json"], environment: environment)
        #expect(compare.termination == .exited(0), "\(compare.stderr)")
        #expect((compare.json?["runs"] as? [[String: Any]])?.map { $0["demo"] as? String } == ["read-write"])
        #expect((compare.json?["notes"] as? [String])?.contains { $0.hasPrefix("uring-read not run: io_uring is not available") } == true)
        let choose = try Zctour.run(["choose", "--size", "1M", "--json"], environment: environment)
        #expect(choose.termination == .exited(0), "\(choose.stderr)")
        let decisions = try #require(choose.json?["decisions"] as? [[String: Any]])
        #expect(decisions.contains { ($0["measured"] as? String)?.hasPrefix("not measured here: io_uring is not available") == true })
    }

    /// Ctrl-C or SIGTERM with a wave in flight: the ring drains before its buffers go, the files
    /// are removed, the status says which signal.
    @Test(arguments: [(SIGINT, Int32(130), "uring-read"), (SIGTERM, Int32(143), "uring-send-zc")])
    func aSignalWithOperationsInFlightStopsCleanly(signal: Int32, status: Int32, demo: String) throws {
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let started = Date()
        let result = try Zctour.run(
            ["run", demo, "--size", "16M", "--buffer", "4K", "--queue", "64", "--repeat", "1000"],
            environment: ["TMPDIR": scratch], signal: (signal, after: 1.0))
        #expect(Date().timeIntervalSince(started) < 1.0 + 3.0)
        #expect(result.termination == .exited(status), "\(result.stderr)")
        #expect(result.stderr.contains("temporary files removed"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }
}

/// The demos as a user without privileges: made for the test with setpriv (the tests run as
/// root), so the rings' locked pages are charged to RLIMIT_MEMLOCK, as on a learner's laptop;
/// prlimit lowers that limit to make the kernel itself refuse.
@Suite struct UnprivilegedRingTests {
    static let prlimit = "/usr/bin/prlimit"

    /// Runs zctour as a user of this call's own (`Unprivileged.user`: the locked pages of
    /// another test's rings would count against this one's limit), under `memlock` when given.
    func asAnotherUser(_ arguments: [String], memlock: Int? = nil) throws -> Zctour.Result? {
        let user: Unprivileged.User
        switch Unprivileged.user() {
        case .success(let found) where geteuid() == 0 && access(UnprivilegedRingTests.prlimit, X_OK) == 0: user = found
        case .success:
            print("skipped (not root, or prlimit (util-linux) is missing)")
            return nil
        case .failure(let skip):
            print("skipped (\(skip))")
            return nil
        }
        let scratch = try user.directory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let words = user.prefix + [Zctour.binary] + arguments
        let command = memlock.map { [UnprivilegedRingTests.prlimit, "--memlock=\($0):\($0)"] + words } ?? words
        return try Zctour.run(command, environment: ["TMPDIR": scratch, "HOME": scratch], executable: command[0])
    }

    @Test(arguments: ["uring-read", "uring-fixed", "uring-splice", "uring-send-zc"])
    func everyDemoRunsAndVerifiesUnprivileged(demo: String) throws {
        guard let result = try asAnotherUser(["run", demo, "--size", "4M", "--buffer", "64K", "--queue", "8", "--json"]) else { return }
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let run = try #require(result.json?["run"] as? [String: Any], "\(result.stdout)")
        #expect(run["verified"] as? Bool == true)
        #expect(run["calls"] as? Int == 8)
        #expect((run["ring"] as? [String: Any])?["failed"] as? Int == 0)
    }

    /// Without CAP_IPC_LOCK the ring's own pages are locked memory: with none allowed the kernel
    /// refuses the ring, and with too little the registration, each in one line.
    @Test func theLockedMemoryLimitIsTheKernelsRefusal() throws {
        guard let none = try asAnotherUser(["run", "uring-read", "--size", "1M"], memlock: 0) else { return }
        #expect(none.termination == .exited(1))
        #expect(none.stderr.contains("zctour: uring-read: io_uring_setup failed: ENOMEM"), "\(none.stderr)")
        #expect(none.stderr.contains("the locked-memory limit (ulimit -l, 0 KiB)"))
        guard let small = try asAnotherUser(["run", "uring-fixed", "--size", "1M", "--buffer", "64K", "--queue", "8"], memlock: 256 << 10)
        else { return }
        #expect(small.termination == .exited(1))
        #expect(
            small.stderr.contains("registering 8 × 64 KiB (128 pages) with IORING_REGISTER_BUFFERS fails with ENOMEM"),
            "\(small.stderr)")
        #expect(small.stderr.split(separator: "\n").count == 1)
    }
}
