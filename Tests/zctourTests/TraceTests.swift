import Foundation
import Glibc
import Testing

/// The built-in tracer: exact syscalls of a demo's window, checked against strace where it is
/// installed, and a one-line reason where ptrace is refused.
@Suite struct TraceTests {
    func traced(_ arguments: [String]) throws -> (run: [String: Any], syscalls: [String: Int]) {
        let result = try Zctour.run(arguments + ["--trace", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let run = try #require(result.json?["run"] as? [String: Any])
        let table = try #require(run["syscalls"] as? [String: [String: Int]], "\(run)")
        return (run, table.compactMapValues { $0["calls"] })
    }

    @Test func aReadWriteLoopIsItsReadsAndWritesAndNothingElse() throws {
        let (run, syscalls) = try traced(["run", "read-write", "--size", "1M", "--buffer", "4K", "--to", "null"])
        #expect(syscalls == ["read": 257, "write": 256])
        let counters = try #require(run["counters"] as? [String: Any])
        #expect(counters["syscr"] as? Int == 257)  // the untraced run's /proc counters agree
    }

    /// /proc cannot see splice; the tracer sees every call, and the count is exact to /dev/null.
    @Test func spliceIsTwoCallsPerChunkThatProcDoesNotCount() throws {
        let (run, syscalls) = try traced(["run", "splice", "--size", "1M", "--buffer", "64K", "--to", "null"])
        #expect(syscalls == ["splice": 32])
        let counters = try #require(run["counters"] as? [String: Any])
        #expect(counters["syscr"] as? Int == 0 && counters["syscw"] as? Int == 0 && counters["rchar"] as? Int == 0)
        let blind = try #require(run["counters_blind"] as? [String: Any])
        #expect(blind["counters"] as? [String] == ["syscr", "syscw", "rchar", "wchar"])
    }

    @Test func teeIsOneTeeAndThreeSplicesPerChunk() throws {
        let (_, syscalls) = try traced(["run", "tee", "--size", "1M", "--buffer", "64K", "--to", "null"])
        #expect(syscalls == ["splice": 48, "tee": 16])
    }

    @Test func copyFileRangeIsOneCallPerBufferAndCountedAsReadAndWrite() throws {
        let (run, syscalls) = try traced(["run", "copy-file-range", "--size", "16M", "--buffer", "1M"])
        #expect(syscalls == ["copy_file_range": 16])
        let counters = try #require(run["counters"] as? [String: Any])
        #expect(counters["syscr"] as? Int == 16 && counters["syscw"] as? Int == 16)
    }

    @Test func msgZerocopySendsAreSendtoAndEveryOneCompletes() throws {
        let (run, syscalls) = try traced(["run", "msg-zerocopy", "--size", "1M", "--buffer", "64K"])
        #expect(syscalls["sendto"] == 16)
        #expect(syscalls["write"] == nil)
        #expect((syscalls["recvmsg"] ?? 0) >= 1)
        let completions = try #require(run["zerocopy_completions"] as? [String: Int])
        #expect(completions["sends_completed"] == 16)
    }

    @Test func mmapIsOneMapOneUnmapAndNoRead() throws {
        let (_, syscalls) = try traced(["run", "mmap", "--size", "4M", "--to", "null"])
        #expect(syscalls["read"] == nil && syscalls["pread64"] == nil)
        #expect(syscalls["mmap"] == 1)
        #expect(syscalls["munmap"] == 1)
    }

    @Test func sendfileToASocketMakesNoUserSpaceCopyOnTheSender() throws {
        let (run, syscalls) = try traced(["run", "sendfile", "--size", "8M", "--buffer", "1M", "--to", "socket"])
        #expect(syscalls["sendfile"] == 8)
        #expect(syscalls["sendfile"] == run["calls"] as? Int)
        for copying in ["read", "write", "pread64", "pwrite64", "readv", "writev", "recvfrom", "sendto"] {
            #expect(syscalls[copying] == nil, "\(copying) on the sender")
        }
        let peer = try #require(run["peer_syscalls"] as? [String: [String: Int]])
        #expect((peer["read"]?["calls"] ?? 0) >= (8 << 20) / (256 << 10))  // the receiver still reads everything
    }

    /// Network → file: the receiver's window is its reads and writes and nothing else, one read
    /// per buffer and the end of the stream; the sender's one sendfile is in the other table.
    @Test func theReadLoopReceivesWithReadsAndWritesOnly() throws {
        let (run, syscalls) = try traced(["run", "recv-loop", "--size", "1M", "--buffer", "64K"])
        #expect(syscalls == ["read": 17, "write": 16])
        let peer = try #require(run["peer_syscalls"] as? [String: [String: Int]])
        #expect(peer["sendfile"]?["calls"] == 1)
    }

    @Test func spliceReceivesWithSplicesOnly() throws {
        let (run, syscalls) = try traced(["run", "recv-splice", "--size", "1M", "--buffer", "64K"])
        #expect(Set(syscalls.keys) == ["splice"])
        #expect((syscalls["splice"] ?? 0) >= 2 * 16 + 1)
        let counters = try #require(run["counters"] as? [String: Any])
        #expect(counters["syscr"] as? Int == 0 && counters["rchar"] as? Int == 0)
    }

    /// The download server's thread: the request's read, the head's write, sendfile for the body.
    @Test func theServerReadsTheRequestWritesTheHeadAndSendsTheFile() throws {
        // 16 MiB: more than the sockets hold before the client reads (the send buffer grows to
        // tcp_wmem's maximum, 4 MiB by default; the receive window grows only as the client
        // reads), so the client must read inside the server's window. 2 MiB fitted, and on a
        // busy machine curl once ran only after the window had closed.
        let (run, syscalls) = try traced(["run", "http-sendfile", "--size", "16M"])
        #expect(syscalls == ["read": 1, "write": 1, "sendfile": 1])
        let peer = try #require(run["peer_syscalls"] as? [String: [String: Int]])
        // curl receives with recvfrom, zctour's client thread with read.
        let client = (run["http"] as? [String: Any])?["client"] as? String
        #expect(peer[client == "curl" ? "recvfrom" : "read"] != nil, "\(peer)")
    }

    @Test func linesAreDecodedLikeStrace() throws {
        let result = try Zctour.run(["trace", "sendfile", "--size", "2M", "--to", "file", "--lines", "1", "--json"])
        let run = try #require(result.json?["run"] as? [String: Any])
        let lines = try #require(run["trace_lines"] as? [String])
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("sendfile(") == true)
        #expect(lines.first?.hasSuffix(", NULL, 2097152) = 2097152") == true, "\(lines)")
    }

    @Test func whenPtraceIsRefusedTheProcCountersStillShowWithTheReason() throws {
        let result = try Zctour.run(
            ["run", "read-write", "--size", "1M", "--buffer", "4K", "--trace"],
            environment: ["ZCTOUR_SIMULATE_PTRACE_REFUSAL": "1"])
        #expect(result.termination == .exited(0))
        #expect(result.stdout.contains("read-type (syscr)               257"))
        let reason = result.stdout.split(separator: "\n").filter { $0.contains("syscalls not traced:") }
        #expect(reason.count == 1)
        #expect(reason.first?.contains("ptrace is not permitted here (PTRACE_SEIZE failed: EPERM") == true)
        let json = try Zctour.run(
            ["run", "read-write", "--size", "1M", "--trace", "--json"],
            environment: ["ZCTOUR_SIMULATE_PTRACE_REFUSAL": "1"])
        let run = try #require(json.json?["run"] as? [String: Any])
        #expect(run["syscalls"] == nil)
        #expect((run["trace_unavailable"] as? String)?.hasPrefix("ptrace is not permitted here") == true)
    }

    static let straceCases: [[String]] = [
        ["read-write", "--size", "1M", "--buffer", "4K", "--to", "null"],
        ["mmap", "--size", "4M", "--to", "null"],
        ["mmap-copy", "--size", "2M", "--buffer", "64K", "--to", "file"],
        ["sendfile", "--size", "4M", "--buffer", "1M", "--to", "socket"],
        ["uring-read", "--size", "1M", "--buffer", "16K", "--queue", "4", "--to", "null"],
        ["uring-send-zc", "--size", "1M", "--buffer", "64K", "--queue", "4", "--to", "socket"],
        ["recv-loop", "--size", "1M", "--buffer", "64K"],
        ["http-sendfile", "--size", "2M"],
        // Foundation's own calls, which zctour cannot count itself: the tracer and strace must agree.
        ["foundation-copy", "--size", "1M"],
        ["foundation-data", "--size", "2M", "--to", "file"],
        ["foundation-mapped", "--size", "2M", "--to", "null"],
        ["filehandle", "--size", "1M", "--buffer", "64K", "--to", "file"],
    ]

    /// The tracer's counts for the demo thread's window equal what `strace -f` shows between the
    /// same markers for the same demo run the same way (the traced child itself).
    @Test(arguments: straceCases)
    func theTracerAgreesWithStrace(demo: [String]) throws {
        try #require(access("/usr/bin/strace", X_OK) == 0, "strace is needed: scripts/ensure-deps.sh installs it")
        let ours = try traced(["run"] + demo).syscalls
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let log = scratch + "/strace.log"
        let result = try Zctour.run(
            ["/usr/bin/strace", "-f", "-qq", "-o", log, Zctour.binary, "__trace-child"] + demo,
            environment: ["TMPDIR": scratch], executable: "/usr/bin/strace")
        #expect(result.termination == .exited(0), "\(result.stderr)")
        var theirs = try StraceLog.count(String(contentsOfFile: log, encoding: .utf8))
        // Waiting for the receiver takes a few futex calls, or none when it was done before the
        // sender waited (a loaded machine), as the threads' timing falls: the two runs are
        // separate, so that one count may differ; every other must not.
        var mine = ours
        if demo.contains("socket") {
            mine.removeValue(forKey: "futex")
            theirs.removeValue(forKey: "futex")
        }
        #expect(mine == theirs, "zctour \(ours) against strace \(theirs)")
    }
}

extension TraceTests {
    static let measuredCases: [[String]] = [
        ["pread", "--size", "1000003", "--to", "null"],
        ["read-write-alloc", "--size", "64M", "--buffer", "1M", "--to", "null"],
        ["mmap-copy", "--size", "64M", "--buffer", "1M", "--to", "null"],
    ]

    /// The trace table is the measured run's own: strace on a plain `zctour run` (no --trace,
    /// so nothing but the measured run), counted between the probe's reads of
    /// /proc/thread-self/io that open and close its window, equals the table `--trace` prints,
    /// memory calls included (the traced child wrote its own sample and allocated and freed
    /// what the measured process did, so glibc's malloc chose brk or mmap alike).
    @Test(arguments: measuredCases)
    func theTraceTableIsTheMeasuredRunsBetweenItsProbeReads(demo: [String]) throws {
        try #require(access("/usr/bin/strace", X_OK) == 0, "strace is needed: scripts/ensure-deps.sh installs it")
        let (run, ours) = try traced(["run"] + demo)
        #expect(run["trace_history_complete"] as? Bool == true)
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let log = scratch + "/strace.log"
        let result = try Zctour.run(
            ["/usr/bin/strace", "-f", "-y", "-qq", "-o", log, Zctour.binary, "run"] + demo, environment: ["TMPDIR": scratch],
            executable: "/usr/bin/strace")
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let theirs = try StraceLog.measuredWindow(String(contentsOfFile: log, encoding: .utf8))
        #expect(ours == theirs, "zctour --trace \(ours) against strace on the measured run \(theirs)")
    }
}

/// Reads `strace -f -o` output: the syscalls of the thread that wrote the window markers,
/// between them.
enum StraceLog {
    /// The main thread's calls between the probe's reads of its /proc/thread-self/io (shown by
    /// `strace -y` as /proc/PID/task/TID/io) that open and close the measured window: the
    /// probe reads it once when it starts and once for each snapshot, so the window lies between
    /// the second read and the third. The probe's own getrusage and CPU clock at the window's
    /// edges are left out, as its markers leave them out of the traced run.
    static func measuredWindow(_ text: String) throws -> [String: Int] {
        var main: Substring?
        var calls: [Substring] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if main == nil { main = parts[0] }
            let call = parts[1].drop { $0 == " " }
            guard parts[0] == main, !call.hasPrefix("<..."), !call.hasPrefix("+++"), !call.hasPrefix("---") else { continue }
            calls.append(call)
        }
        let probeReads = calls.indices.filter {
            calls[$0].hasPrefix("pread64(") && calls[$0].contains("/io>") && calls[$0].contains("/task/")
        }
        guard probeReads.count >= 3 else { return [:] }
        var window = Array(calls[(probeReads[1] + 1)..<probeReads[2]])
        if window.first?.hasPrefix("getrusage(RUSAGE_THREAD") == true { window.removeFirst() }
        if window.first?.hasPrefix("clock_gettime(CLOCK_THREAD_CPUTIME_ID") == true { window.removeFirst() }
        if window.last?.hasPrefix("clock_gettime(CLOCK_THREAD_CPUTIME_ID") == true { window.removeLast() }
        var counts: [String: Int] = [:]
        for call in window { counts[String(call.prefix { $0 != "(" }), default: 0] += 1 }
        return counts
    }

    static func count(_ text: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        var demo: Substring?
        var open = false
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let (task, call) = (parts[0], parts[1].drop { $0 == " " })
            if demo == nil { demo = task }
            if call.hasPrefix("write(-1, \"zctour-window-begin") {
                if task == demo { open = true }
                continue
            }
            if call.hasPrefix("write(-1, \"zctour-window-end"), task == demo {
                open = false
                break
            }
            guard open, task == demo, !call.hasPrefix("<..."), !call.hasPrefix("+++"), !call.hasPrefix("---") else { continue }
            let name = call.prefix { $0 != "(" }
            counts[String(name), default: 0] += 1
        }
        return counts
    }
}
