import Foundation
import Glibc
import Testing

/// `zctour inspect -- CMD` against strace, on programs nobody here wrote: with --every-call its
/// counts equal `strace -f -c` and its bytes per descriptor the sums of the return values strace
/// shows; in the default mode the calls it stops at equal strace's for those names, and the
/// kernel's read/write totals equal what strace's calls predict; and the verdicts are the
/// expected ones. Each case runs on a 4 MiB file of its own, and every output is deleted
/// before every run, so all runs start alike.
@Suite(.serialized) struct InspectTests {
    /// A program, and the calls whose counts vary from run to run of that same program (checked
    /// on strace alone: two strace runs of it differ there too), exempt from the comparison.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let tool: String?
        let command: @Sendable (_ sample: String, _ directory: String) -> [String]
        let varying: Set<String>
        let verdict: String
        var testDescription: String { name }
    }

    static let python = InspectTests.realPython()

    static let cases: [Case] = [
        Case(
            name: "cat into a file", tool: nil, command: { ["/bin/sh", "-c", "exec cat \($0) > \($1)/out"] }, varying: [],
            verdict: "kernel"),
        // dash runs its SIGCHLD handler once or twice for two children that exit together.
        Case(
            name: "cat into a pipe", tool: nil, command: { sample, _ in ["/bin/sh", "-c", "cat \(sample) | cat > /dev/null"] },
            varying: ["rt_sigreturn"], verdict: "user-space"),
        Case(name: "cp", tool: nil, command: { ["/usr/bin/cp", $0, "\($1)/out"] }, varying: [], verdict: "kernel"),
        Case(
            name: "dd 4 KiB", tool: nil, command: { sample, _ in ["/usr/bin/dd", "if=\(sample)", "of=/dev/null", "bs=4k", "status=none"] },
            varying: [], verdict: "user-space"),
        Case(
            name: "python3 shutil.copyfile", tool: "python3",
            command: { [python ?? "python3", "-c", "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])", $0, "\($1)/out"] },
            varying: [], verdict: "kernel"),
        // The receiver thread's recv_into splits the stream as the threads' timing falls, and
        // waits on futexes as often. Its malloc arena (glibc malloc/arena.c, alloc_new_heap)
        // maps 128 MiB and unmaps what lies outside a 64 MiB-aligned heap: two munmaps, or one
        // when the mapping starts aligned, which the kernel's 2 MiB alignment of large anonymous
        // mappings makes about 1 run in 32 (strace alone: 49 munmaps in 59 of 60 runs, 48 once).
        Case(
            name: "python3 socket.sendfile", tool: "python3",
            command: { sample, _ in [python ?? "python3", "-c", InspectTests.sendfileScript, sample] },
            varying: ["futex", "recvfrom", "munmap"], verdict: "kernel"),
        Case(
            name: "curl file://", tool: "curl", command: { ["/usr/bin/curl", "-s", "file://\($0)", "-o", "\($1)/out"] },
            varying: [], verdict: "user-space"),
    ]

    /// socket.sendfile of a file to a receiver thread of the same process, over loopback TCP.
    static let sendfileScript = """
        import socket, sys, threading
        server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(1)
        got = [0]
        def receive():
            connection, _ = server.accept(); buffer = bytearray(1 << 16)
            while True:
                n = connection.recv_into(buffer)
                if not n: break
                got[0] += n
            connection.close()
        thread = threading.Thread(target=receive); thread.start()
        client = socket.create_connection(server.getsockname())
        with open(sys.argv[1], "rb") as f: sent = client.sendfile(f)
        client.close(); thread.join(); server.close()
        assert got[0] == sent
        """

    @Test(arguments: cases)
    func everyCallCountsAndBytesEqualStraces(_ test: Case) throws {
        try #require(access(Strace.path, X_OK) == 0, "strace is needed: scripts/ensure-deps.sh installs it")
        guard let place = try Place(test) else { return }
        defer { place.remove() }
        let strace = try place.fresh { try Strace.summary($0, in: place.directory) }
        let (inspection, _) = try place.fresh { try place.inspect($0, everyCall: true) }
        let ours = InspectTests.counts(inspection)
        for name in Set(strace.keys).union(ours.keys).subtracting(test.varying) {
            #expect(ours[name]?.calls == strace[name]?.calls, "\(test.name): \(name) calls")
            #expect(ours[name]?.errors == strace[name]?.errors, "\(test.name): \(name) errors")
        }
        let calls = try place.fresh { try Strace.calls($0, in: place.directory) }
        #expect(InspectTests.bytes(inspection) == Strace.bytes(calls), "\(test.name): bytes per descriptor")
        // The same run's kernel counters agree with what its own calls predict.
        for process in try #require(inspection["processes"] as? [[String: Any]]) {
            let predicted = try #require(process["predicted_totals"] as? [String: Int])
            for (counter, value) in InspectTests.ownTotals(process) {
                #expect(predicted[counter] == value, "\(test.name): \(counter) of process \(process["pid"] ?? "?")")
            }
        }
    }

    @Test(arguments: cases)
    func defaultModeStopsAndTotalsEqualStraces(_ test: Case) throws {
        try #require(access(Strace.path, X_OK) == 0, "strace is needed: scripts/ensure-deps.sh installs it")
        guard let place = try Place(test) else { return }
        defer { place.remove() }
        let calls = try place.fresh { try Strace.calls($0, in: place.directory) }
        let (inspection, _) = try place.fresh { try place.inspect($0, everyCall: false) }
        let stopped = try #require(inspection["stopped_calls"] as? [[String: Any]])
        let theirs = InspectTests.stops(calls, filter: stopped)
        var ours = InspectTests.counts(inspection)
        ours = ours.filter { !test.varying.contains($0.key) }
        #expect(
            ours.mapValues { "\($0.calls)/\($0.errors)" }
                == theirs.filter { !test.varying.contains($0.key) }.mapValues { "\($0.calls)/\($0.errors)" })
        var totals = ["syscr": 0, "syscw": 0, "rchar": 0, "wchar": 0]
        for process in try #require(inspection["processes"] as? [[String: Any]]) {
            totals.merge(InspectTests.ownTotals(process), uniquingKeysWith: +)
        }
        #expect(totals == Strace.predictedTotals(calls), "\(test.name): the kernel's totals against strace's calls")
        let verdict = try #require(inspection["verdict"] as? [String: Any])
        #expect(verdict["kind"] as? String == test.verdict, "\(test.name): \(verdict)")
    }

    // MARK: the done-when commands, the exit status, and one line for what cannot run

    @Test func cpOfABigFileIsOneKernelCopyEqualToStraces() throws {
        let place = try #require(try Place(InspectTests.cases[2]))
        defer { place.remove() }
        let (inspection, run) = try place.inspect(["cp", place.sample, place.directory + "/copy"], everyCall: false)
        #expect(run.termination == .exited(0), "\(run.stderr)")
        let verdict = try #require(inspection["verdict"] as? [String: Any])
        #expect(verdict["kind"] as? String == "kernel")
        // copy_file_range on ext4 (this machine); a filesystem with reflinks shares the file instead.
        #expect((verdict["lines"] as? [String])?.first?.hasPrefix("4 MiB from sample.bin to copy inside the kernel (") == true)
        let process = try #require((inspection["processes"] as? [[String: Any]])?.first)
        let copies = try #require(process["kernel_copies"] as? [[String: Any]])
        #expect(copies.reduce(0) { $0 + ($1["bytes"] as? Int ?? 0) } == 4 << 20)
        #expect(FileManager.default.contentsEqual(atPath: place.sample, andPath: place.directory + "/copy"))
    }

    /// At 60 columns no line of the report runs past the edge, though the command line, the
    /// paths and the kernel copies' rows are wider: the rows wrap in their columns, and a path
    /// wider than its column goes on in pieces under itself, the columns beside it in line.
    @Test func theReportFitsSixtyColumns() throws {
        let place = try #require(try Place(InspectTests.cases[2]))
        defer { place.remove() }
        let report = place.directory + "/report.txt"
        let copy = place.directory + "/a-copy-whose-path-is-long-enough-to-wrap.bin"
        let run = try Zctour.run(["inspect", "--width", "60", "-o", report, "--", "cp", place.sample, copy])
        #expect(run.termination == .exited(0), "\(run.stderr)")
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").map(String.init)
        // Only a word wider than the line itself (the long path) may stand past the edge, alone.
        let over = lines.filter { $0.count > 60 && $0.trimmingCharacters(in: .whitespaces).contains(" ") }
        #expect(over == [], "\(lines.joined(separator: "\n"))")
        let bytes = try #require(lines.firstIndex(of: "  where the bytes went"), "\(lines)")
        #expect(lines[bytes + 1].hasPrefix("    bytes  calls  how"), "\(lines[bytes...].prefix(6))")
        let rows = lines[(bytes + 2)...].prefix { $0.hasPrefix("    ") }
        #expect(rows.contains { $0.hasPrefix("    4 MiB      2  copy_file_range,") }, "\(rows)")
        #expect(rows.allSatisfy { $0.count <= 60 }, "\(rows)")
        // The path, in pieces in its column, is all there.
        let column = try #require(lines[bytes + 1].range(of: "what")).lowerBound.utf16Offset(in: lines[bytes + 1])
        let pieces = rows.map { $0.count > column ? String($0.dropFirst(column)) : "" }.joined()
        #expect(pieces.contains(copy), "\(rows)")
    }

    /// `zctour inspect -- cat big | wc -c`: the report on standard error, cat's output untouched
    /// on the pipe to wc.
    @Test func catIntoAPipeGoesThroughUserSpaceAndItsOutputIsLeftAlone() throws {
        let place = try #require(try Place(InspectTests.cases[0]))
        defer { place.remove() }
        let report = place.directory + "/report.txt"
        let run = try Zctour.run(
            ["/bin/sh", "-c", "\"$0\" inspect --width 100 -- cat \"$1\" 2>\"$2\" | wc -c", Zctour.binary, place.sample, report],
            executable: "/bin/sh")
        #expect(run.termination == .exited(0))
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(4 << 20))
        let text = try String(contentsOfFile: report, encoding: .utf8)
        let flowing = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        // 4 MiB of the file and cat's start-up reads (its libraries, locale files) read; 4 MiB written.
        #expect(flowing.contains("read into user space (") && flowing.contains(" and 4 MiB written out of it ("), "\(text)")
        #expect(flowing.contains("a kernel copy (sendfile, copy_file_range, splice) would remove the round trip"), "\(text)")
        #expect(text.contains("1  pipe ["), "cat's standard output is described as the pipe it is: \(text)")
    }

    @Test func theProgramsExitStatusAndOutputPassThrough() throws {
        let place = try #require(try Place(InspectTests.cases[0]))
        defer { place.remove() }
        let run = try Zctour.run(["inspect", "-o", place.directory + "/r.txt", "--", "sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(run.termination == .exited(3))
        #expect(run.stdout == "out\n" && run.stderr == "err\n")
        let killed = try Zctour.run(["inspect", "-o", place.directory + "/r.txt", "--", "sh", "-c", "kill -SEGV $$"])
        #expect(killed.termination == .exited(128 + SIGSEGV))
        // A killed process did not exit: the report names the signal (it said "exit 139").
        let report = try String(contentsOfFile: place.directory + "/r.txt", encoding: .utf8)
        #expect(report.contains("killed by SIGSEGV, status 139"), "\(report)")
        // The command as it would be typed: the script quoted, so its $$ does not read as inspect's.
        #expect(report.hasPrefix("inspect · sh -c 'kill -SEGV $$' · "), "\(report)")
        #expect(report.contains("the command · killed by SIGSEGV (status 139)"), "\(report)")
        // The report is inspect's, on standard error, so the program's standard output stays its own.
        func firstProcess(_ script: String) throws -> [String: Any] {
            let result = try Zctour.run(["inspect", "--json", "--", "sh", "-c", script])
            let document = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
            return try #require((document?["processes"] as? [[String: Any]])?.first, "\(result.stderr)")
        }
        let process = try firstProcess("kill -KILL $$")
        #expect(process["signal"] as? Int == Int(SIGKILL) && process["exit_status"] as? Int == 137, "\(process)")
        let exited = try firstProcess("exit 3")
        #expect(exited["signal"] == nil && exited["exit_status"] as? Int == 3, "\(exited)")
    }

    @Test func aMissingOrUnexecutableCommandGetsOneLineAndTheShellsStatus() throws {
        let missing = try Zctour.run(["inspect", "--", "no-such-command-here"])
        #expect(missing.termination == .exited(127))
        #expect(missing.stderr == "zctour: inspect: no-such-command-here: command not found in PATH\n")
        let place = try #require(try Place(InspectTests.cases[0]))
        defer { place.remove() }
        let script = place.directory + "/script.sh"
        try "echo hi\n".write(toFile: script, atomically: true, encoding: .utf8)
        let refused = try Zctour.run(["inspect", "--", script])
        #expect(refused.termination == .exited(126))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(refused.stderr.contains("\(script): not executable"))
        let directory = try Zctour.run(["inspect", "--", place.directory])
        #expect(directory.termination == .exited(126))
        #expect(directory.stderr == "zctour: inspect: \(place.directory): is a directory, not a program; name the program to run in it\n")
        let bare = try Zctour.run(["inspect", "cp", "a", "b"])
        #expect(bare.termination == .exited(2))
        #expect(bare.stderr == "zctour: put -- before the program, so that its options stay its own: zctour inspect -- cp a b\n")
    }

    @Test func refusedPtraceGetsOneLineAndTheProgramIsNotRun() throws {
        let place = try #require(try Place(InspectTests.cases[0]))
        defer { place.remove() }
        let marker = place.directory + "/ran"
        let run = try Zctour.run(["inspect", "--", "touch", marker], environment: ["ZCTOUR_SIMULATE_PTRACE_REFUSAL": "1"])
        #expect(run.termination == .exited(125))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.hasPrefix("zctour: inspect: ptrace is not permitted here (PTRACE_SEIZE failed: EPERM"))
        #expect(run.stderr.hasSuffix("; touch was not run\n"))
        #expect(access(marker, F_OK) != 0)
    }

    /// Ctrl-C (SIGINT to zctour alone, as `kill -INT` would send it) kills the program, even one
    /// that ignores SIGINT, and zctour exits 130 with nothing left running.
    @Test func ctrlCStopsTheProgramAndZctourAndLeavesNothingRunning() throws {
        let place = try #require(try Place(InspectTests.cases[0]))
        defer { place.remove() }
        let pidFile = place.directory + "/pid"
        let run = try Zctour.run(
            ["inspect", "--", "sh", "-c", "trap '' INT; echo $$ > \(pidFile); exec sleep 30"], signal: (SIGINT, after: 1.0))
        #expect(run.termination == .exited(130), "\(run.stderr)")
        #expect(run.stderr.contains("zctour: inspect: stopped; sh and every process it started were killed"))
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) != 0 && errno == ESRCH, "the program (pid \(pid)) is gone")
    }

    @Test func noFollowCountsOnlyTheCommandsOwnProcess() throws {
        let place = try #require(try Place(InspectTests.cases[0]))
        defer { place.remove() }
        let (inspection, _) = try place.inspect(
            ["sh", "-c", "cat \(place.sample) > /dev/null; true"], everyCall: false, extra: ["--no-follow"])
        #expect((inspection["processes"] as? [[String: Any]])?.count == 1)
        #expect(inspection["processes_not_followed"] as? Int == 1)
        let (followed, _) = try place.inspect(["sh", "-c", "cat \(place.sample) > /dev/null; true"], everyCall: false)
        #expect((followed["processes"] as? [[String: Any]])?.count == 2)
    }

    // MARK: helpers

    /// A case's private directory and 4 MiB sample; nil (the case skipped, with one line) when
    /// its optional tool is missing.
    struct Place {
        let directory: String
        let sample: String
        let test: Case

        init?(_ test: Case) throws {
            if let tool = test.tool, InspectTests.locate(tool) == nil {
                print("\(test.name): \(tool) is not installed: skipped")
                return nil
            }
            if test.tool == "python3" && InspectTests.python == nil { return nil }
            self.test = test
            directory = try Zctour.scratchDirectory()
            sample = directory + "/sample.bin"
            var bytes = [UInt8](repeating: 0, count: 4 << 20)
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for index in bytes.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: sample))
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }

        /// Runs `body` on the case's command after deleting what an earlier run left.
        func fresh<T>(_ body: ([String]) throws -> T) throws -> T {
            for name in ["out", "copy", "report.txt"] { unlink(directory + "/" + name) }
            return try body(test.command(sample, directory))
        }

        func inspect(_ command: [String], everyCall: Bool, extra: [String] = []) throws -> ([String: Any], Zctour.Result) {
            let report = directory + "/inspect.json"
            let run = try Zctour.run(["inspect", "--json", "-o", report] + (everyCall ? ["--every-call"] : []) + extra + ["--"] + command)
            #expect(run.termination == .exited(0), "inspect \(command): \(run.stderr)")
            let data = try Data(contentsOf: URL(fileURLWithPath: report))
            return (try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]), run)
        }
    }

    static func counts(_ inspection: [String: Any]) -> [String: (calls: Int, errors: Int)] {
        var counts: [String: (calls: Int, errors: Int)] = [:]
        for process in inspection["processes"] as? [[String: Any]] ?? [] {
            for (name, count) in process["syscalls"] as? [String: [String: Int]] ?? [:] {
                let known = counts[name] ?? (0, 0)
                counts[name] = (known.calls + (count["calls"] ?? 0), known.errors + (count["errors"] ?? 0))
            }
        }
        return counts
    }

    static func bytes(_ inspection: [String: Any]) -> [String: Int] {
        var bytes: [String: Int] = [:]
        for process in inspection["processes"] as? [[String: Any]] ?? [] {
            for row in process["user_space"] as? [[String: Any]] ?? [] {
                let what = ((row["descriptor"] as? [String: Any])?["what"] as? String) ?? "?"
                if let read = row["read_bytes"] as? Int, read > 0 { bytes[Strace.key(what) + " in", default: 0] += read }
                if let written = row["written_bytes"] as? Int, written > 0 { bytes[Strace.key(what) + " out", default: 0] += written }
            }
        }
        return bytes
    }

    /// The kernel's totals of a process, less what its execve counted itself.
    static func ownTotals(_ process: [String: Any]) -> [String: Int] {
        let totals = process["kernel_totals"] as? [String: Int] ?? [:]
        let own = process["execve_own"] as? [String: Int] ?? [:]
        return ["syscr", "syscw", "rchar", "wchar"].reduce(into: [:]) { $0[$1] = (totals[$1] ?? 0) - (own[$1] ?? 0) }
    }

    /// strace's calls that the default mode's filter stops at, with their argument conditions.
    static func stops(_ calls: [Strace.Call], filter: [[String: Any]]) -> [String: (calls: Int, errors: Int)] {
        var conditions: [String: String?] = [:]
        for call in filter { conditions[call["name"] as? String ?? ""] = call["condition"] as? String }
        var counts: [String: (calls: Int, errors: Int)] = [:]
        for call in calls where call.result != nil {
            guard let condition = conditions[call.name] else { continue }
            switch condition {
            case "F_DUPFD*": guard call.arguments.contains(", F_DUPFD") else { continue }
            case "FICLONE*": guard call.arguments.contains("FICLONE") else { continue }
            case "MSG_ZEROCOPY": guard call.arguments.contains("MSG_ZEROCOPY") else { continue }
            default: break
            }
            let known = counts[call.name] ?? (0, 0)
            counts[call.name] = (known.calls + 1, known.errors + (call.errno == nil ? 0 : 1))
        }
        return counts
    }

    static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first { access($0, X_OK) == 0 }
    }

    /// The Python interpreter itself, not a version manager's shim (pyenv's is a shell script
    /// whose own processes would be inspected and traced too).
    static func realPython() -> String? {
        guard let python = locate("python3") else { return nil }
        let run = try? Zctour.run([python, "-c", "import sys; print(sys.executable)"], executable: python)
        let path = run?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return path.isEmpty ? nil : path
    }
}
