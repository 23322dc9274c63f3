import Foundation
import Glibc
import TestSupport
import Testing

/// The built binary, end to end: what a learner or a script sees, and the exit statuses.
@Suite struct CommandLineTests {
    @Test func listShowsTheLessonsAndDemos() throws {
        let result = try Zctour.run(["list"])
        #expect(result.termination == .exited(0))
        for id in ["kernel-user-copies", "buffer-reuse", "slices-and-views", "mmap", "sendfile", "read-write-alloc", "mmap-copy"] {
            #expect(result.stdout.contains(id))
        }
        #expect(!result.stdout.contains("\u{1B}"))
    }

    /// The shipped lessons' ids, from their file names (`NN-id.md`): however many there are.
    static let lessonIds: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Zctour.lessons)) ?? []
        return files.filter { $0.hasSuffix(".md") }.sorted().map { String($0.dropFirst(3).dropLast(3)) }
    }()

    /// Every lesson runs non-interactively, every one of its checks holds, every run verifies.
    @Test(arguments: Fixtures.lessonNumbers)
    func everyLessonRunsAndItsChecksHold(number: Int) throws {
        let result = try Zctour.run(["lesson", String(number), "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let document = try #require(result.json)
        #expect(document["schema"] as? String == "zctour.lesson/1")
        let checks = try #require(document["checks"] as? [[String: Any]])
        #expect(!checks.isEmpty)
        for check in checks {
            // A peer program that is not installed here (python3, rustc) is skipped, not failed.
            if check["outcome"] as? String == "unavailable", (check["reason"] as? String)?.hasSuffix(" is not installed: skipped") == true {
                continue
            }
            #expect(check["outcome"] as? String == "passed", "\(check)")
        }
        let runs = try #require(document["runs"] as? [[String: Any]])
        #expect(!runs.isEmpty)
        #expect(runs.allSatisfy { $0["verified"] as? Bool == true })
    }

    @Test func aLessonPrintsItsProseAndRealCounts() throws {
        let result = try Zctour.run(["lesson", "kernel-user-copies"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Lesson 1 of \(Fixtures.lastLesson) · Kernel and user copies\n"))
        #expect(result.stdout.contains("$ zctour compare read-write --size 1M --buffer 4K,64K,1M --to file"))
        // The ten checks of the first comparison held: one line, and every check with --verbose.
        #expect(result.stdout.contains("$ zctour compare read-write --size 1M --buffer 4K,64K,1M --to file\n"))
        #expect(result.stdout.contains("\n  ✓ 10 claims held · --verbose lists them\n"))
        #expect(!result.stdout.contains("✓ read-write@4K.syscr == 257"))
        #expect(result.stdout.contains("checks held on this machine"))
        #expect(result.stdout.contains("\nSources\n  • proc(5), `/proc/pid/io`"))
        let verbose = try Zctour.run(["lesson", "kernel-user-copies", "--verbose"])
        #expect(verbose.termination == .exited(0), "\(verbose.stderr)")
        #expect(verbose.stdout.contains("\n  ✓ read-write@4K.syscr == 257  (257 == 257)\n"))
        #expect(!verbose.stdout.contains("claims held"))
    }

    /// A command with no JSON document refuses --json in one line, before it does anything (a
    /// program that asked for JSON got explain's or show's text, and set saved as well).
    @Test(arguments: [["explain", "rchar"], ["show"], ["set", "size", "1M"]])
    func aCommandWithoutADocumentRefusesJSON(command: [String]) throws {
        let home = try PromptTests.Home()
        defer { home.remove() }
        let result = try Zctour.run(command + ["--json"], environment: home.environment)
        #expect(result.termination == .exited(2))
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "zctour: \(command[0]) prints no JSON document; leave out --json (docs/json.md lists the commands that print one)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.state) == [], "nothing saved")
        // list, which had no schema, names its own now.
        #expect(try Zctour.run(["list", "--json"], environment: home.environment).json?["schema"] as? String == "zctour.list/1")
    }

    @Test func runJSONHasTheExactCounts() throws {
        let result = try Zctour.run(["run", "read-write", "--size", "1M", "--buffer", "4K", "--json"])
        #expect(result.termination == .exited(0))
        let document = try #require(result.json)
        #expect(document["schema"] as? String == "zctour.run/1")
        let run = try #require(document["run"] as? [String: Any])
        #expect(run["demo"] as? String == "read-write")
        #expect(run["size"] as? Int == 1 << 20)
        #expect(run["buffer"] as? Int == 4096)
        #expect(run["sink"] as? String == "null")
        #expect(run["bytes"] as? Int == 1 << 20)
        #expect(run["verified"] as? Bool == true)
        #expect((run["wall_ns"] as? Int ?? 0) > 0)
        let counters = try #require(run["counters"] as? [String: Any])
        #expect(counters["syscr"] as? Int == 257)
        #expect(counters["syscw"] as? Int == 256)
        #expect(counters["rchar"] as? Int == 1 << 20)
        let allocations = try #require(run["allocations"] as? [String: Any])
        #expect(allocations["count"] as? Int == 1)
    }

    @Test func compareJSONHoldsARunPerRow() throws {
        let result = try Zctour.run(["compare", "read-write", "sendfile", "--size", "4M", "--to", "socket", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let runs = try #require(result.json?["runs"] as? [[String: Any]])
        #expect(runs.map { $0["demo"] as? String } == ["read-write", "sendfile"])
        #expect(runs.allSatisfy { $0["sink"] as? String == "socket" && $0["peer"] != nil })
        let sendfile = try #require(runs.last?["counters"] as? [String: Any])
        #expect(sendfile["syscr"] as? Int == runs.last?["calls"] as? Int)
    }

    @Test func aSweepDoublesTheBufferAndFindsAKnee() throws {
        let result = try Zctour.run(["sweep", "read-write", "--size", "1M", "--buffer", "4K..64K", "--to", "null", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let document = try #require(result.json)
        #expect(document["schema"] as? String == "zctour.sweep/1")
        let runs = try #require(document["runs"] as? [[String: Any]])
        #expect(runs.map { $0["buffer"] as? Int } == [4096, 8192, 16384, 32768, 65536])
        let reads = runs.compactMap { ($0["counters"] as? [String: Any])?["syscr"] as? Int }
        #expect(reads == [257, 129, 65, 33, 17])
        let knee = try #require(document["knee_buffer"] as? Int)
        #expect(runs.contains { $0["buffer"] as? Int == knee })
        let limit = try #require(document["limit"] as? [String: Any])
        #expect(limit["bytes"] as? Int == 1 << 20 && limit["verified"] as? Bool == true)
    }

    @Test func chooseFillsTheDecisionTableFromItsOwnRuns() throws {
        let result = try Zctour.run(["choose", "--size", "4M", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let document = try #require(result.json)
        let runs = try #require(document["runs"] as? [[String: Any]])
        #expect(
            Set(runs.compactMap { $0["demo"] as? String })
                == [
                    "read-write", "read-write-alloc", "mmap", "mmap-window", "sendfile", "splice", "copy-file-range", "uring-read",
                    "foundation-copy", "recv-loop", "recv-splice", "copy", "slice",
                ])
        #expect(runs.allSatisfy { $0["verified"] as? Bool == true })
        let decisions = try #require(document["decisions"] as? [[String: Any]])
        let uses = decisions.compactMap { $0["use"] as? String }
        #expect(uses.contains("copy_file_range") && uses.contains("mmap") && uses.contains("slices and views, not copies"))
        let range = try #require(decisions.first { $0["use"] as? String == "copy_file_range" })
        #expect((range["measured"] as? String ?? "").contains("of memcpy"))
        // Each verdict is the one its own ratio gives, and the line says it in so many words.
        for decision in decisions {
            guard let verdict = decision["verdict"] as? String else { continue }
            let speed = try #require(decision["speed"] as? [String: Any])
            let expected = ["higher": "agrees", "unclear": "no clear difference", "lower": "contradicts"][speed["verdict"] as? String ?? ""]
            #expect(verdict == expected, "\(decision)")
            let measured = decision["measured"] as? String ?? ""
            let said = [
                "agrees": "this run agrees", "no clear difference": "no clear difference", "contradicts": "this run goes against it",
            ]
            #expect(measured.contains(said[verdict] ?? "?"), "\(decision)")
            #expect((decision["why"] == nil) == (verdict == "agrees"), "\(decision)")
        }
        let foundationLine = try #require(
            decisions.first { ($0["use"] as? String)?.hasPrefix("FileManager.copyItem") == true }?["measured"] as? String)
        #expect(
            foundationLine.contains(" read/write-type syscalls against 2 read/write-type syscalls for copy_file_range"), "\(foundationLine)"
        )
        let text = try Zctour.run(["choose", "--size", "1M", "--to", "null"])
        #expect(text.termination == .exited(2))
        #expect(text.stderr.contains("file or socket"))
    }

    @Test(arguments: [
        (["run", "copy-file-range", "--to", "socket"], "the destination is always a file"),
        (["compare", "copy-file-range", "msg-zerocopy"], "compare them in separate commands"),
        (["compare", "read-write", "copy-file-range", "--to", "null"], "use --to file or leave --to out"),
        (["run", "mmap", "--direct"], "O_DIRECT does nothing to mmap"),
        (["run", "read-write", "--size", "1M", "--direct", "--buffer", "1000"], "multiple of"),
        (["sweep", "pread"], "does not take"),
    ])
    func aNewOptionInTheWrongPlaceSaysWhy(arguments: [String], message: String) throws {
        let result = try Zctour.run(arguments)
        #expect(result.termination == .exited(2), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// A demo with one possible sink decides it for every row, so the rows stay comparable.
    @Test func aDemoThatWritesOnlyToAFileTakesEveryRowThere() throws {
        let result = try Zctour.run(["compare", "read-write", "copy-file-range", "--size", "1M", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let runs = try #require(result.json?["runs"] as? [[String: Any]])
        #expect(runs.map { $0["sink"] as? String } == ["file", "file"])
        let named = try Zctour.run(["run", "copy-file-range", "--size", "1M", "--to", "file"])
        #expect(named.termination == .exited(0), "\(named.stderr)")
    }

    /// In a fresh process, pread's buffer is fresh memory: it faults page by page, while the
    /// mapping of a cached file faults far less than once per page.
    @Test func preadFaultsPerPageAndMmapFarLess() throws {
        let result = try Zctour.run(["compare", "pread", "mmap", "--size", "16M", "--json"])
        let runs = try #require(result.json?["runs"] as? [[String: Any]])
        let faults = runs.compactMap { ($0["counters"] as? [String: Any])?["minflt"] as? Int }
        #expect(faults.count == 2)
        #expect(faults[0] >= 4096 / 2, "pread: \(faults)")
        #expect(faults[1] * 4 < faults[0], "mmap: \(faults)")
    }

    @Test func compareAppliesAnOptionOnlyWhereItFitsAndSaysSo() throws {
        let result = try Zctour.run(["compare", "pread", "mmap", "mmap-copy", "--size", "4M", "--buffer", "1M"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stdout.contains("--buffer applies to mmap-copy only"))
    }

    static let badInputs: [([String], Int32, String)] = [
        (
            ["lesson", "42"], 2,
            "zctour: unknown lesson '42'; the lessons are 1 kernel-user-copies, 2 buffer-reuse, 3 slices-and-views, 4 mmap, 5 sendfile"
        ),
        (
            ["run", "nope"], 2,
            "zctour: unknown demo 'nope'; the demos are read-write, read-write-alloc, copy, slice, cow, pread, mmap, mmap-copy, sendfile"
        ),
        (
            ["run", "read-write", "--size", "64Q"], 2,
            "zctour: --size: invalid size '64Q': unknown suffix 'Q'; use a whole number of bytes with an optional binary suffix K, M, G or T (4K = 4096 bytes, 64M, 1G)"
        ),
        (["run", "read-write", "--size", "-1"], 2, "zctour: --size: invalid size '-1': a size cannot be negative"),
        (["run", "read-write", "--size", "0"], 2, "zctour: --size must be at least 1 byte, not 0"),
        // The whole file in one call is their default buffer: a big file is the disk's problem, not
        // an option's (it once said "--buffer 2097148K is too large" to a command without --buffer).
        (["run", "sendfile", "--size", "1T"], 2, "zctour: --size 1T needs 1 TiB in "),
        (["run", "copy-file-range", "--size", "1T"], 2, "zctour: --size 1T needs "),
        (
            ["compare", "read-write", "sendfile", "--rounds", "1"], 2,
            "zctour: --rounds '1' must be a whole number from 3 to 101 (a verdict needs the spread of several rounds), e.g. --rounds 15"
        ),
        (["run", "read-write", "--size", "100T"], 2, "which has"),
        (["run", "copy", "--to", "socket"], 2, "zctour: option --to does not apply to demo 'copy': it works in memory, not on a file"),
        (
            ["run", "mmap", "--buffer", "4K"], 2,
            "zctour: option --buffer does not apply to demo 'mmap': it uses the mapping itself, no buffer"
        ),
        (["run", "read-write", "--to", "pipe"], 2, "zctour: unknown sink 'pipe' for --to; use null, file or socket"),
        (["run", "read-write", "--repeat", "x"], 2, "zctour: --repeat 'x' is not a whole number; use 1 to 1000"),
        (["run"], 2, "Missing expected argument '<demo>'"),
        (["frobnicate"], 2, "zctour: unknown command 'frobnicate' (help lists the commands)"),
        (["comprae", "mmap", "pread"], 2, "zctour: unknown command 'comprae'; did you mean 'compare'? (help lists the commands)"),
        (["compare", "read-write"], 2, "compare needs two rows or more"),
        (["run", "read-write", "--width", "5"], 2, "--width must be between 40 and 400 columns"),
    ]

    @Test(arguments: badInputs)
    func badInputGetsOneLineAndStatus2(arguments: [String], status: Int32, message: String) throws {
        let result = try Zctour.run(arguments)
        #expect(result.termination == .exited(status))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains("Fatal error"))
    }

    /// Commands piped in run as a transcript: each echoed after the prompt, the exit status 1
    /// when one failed; a script file does the same.
    @Test func aPipedScriptGivesATranscriptAndTheExitStatus() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let good = try Zctour.run(
            [], environment: ["XDG_STATE_HOME": state],
            input: "run read-write --size 1M --buffer 4K\nexplain rchar\n")
        #expect(good.termination == .exited(0), "\(good.stderr)")
        #expect(good.stdout.contains("zctour 1/\(Fixtures.lastLesson) copies> run read-write --size 1M --buffer 4K\n"))
        #expect(good.stdout.contains("read-type (syscr)               257"))
        #expect(good.stdout.contains("zctour 1/\(Fixtures.lastLesson) copies> explain rchar\n"))
        let bad = try Zctour.run([], environment: ["XDG_STATE_HOME": state], input: "run nope\nlist\n")
        #expect(bad.termination == .exited(1))
        #expect(bad.stderr.contains("error: unknown demo 'nope'"))
        #expect(bad.stdout.contains("zctour 1/\(Fixtures.lastLesson) copies> list"))  // it went on after the failure
        let script = try Zctour.run(
            ["script", Fixtures.samples.appendingPathComponent("workshop.zct").path], environment: ["XDG_STATE_HOME": state])
        #expect(script.termination == .exited(0), "\(script.stderr)")
        #expect(script.stdout.contains("> compare read-write sendfile --size 64M --to socket --repeat 3"))
        #expect(!script.stdout.contains("\u{1B}"))
    }

    /// A signal stops a transcript, not just its current command, with the signal's status.
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func aSignalStopsAPipedScript(signal: Int32, status: Int32) throws {
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try Zctour.run(
            [], environment: ["XDG_STATE_HOME": scratch, "TMPDIR": scratch],
            input: "run read-write --size 1G --buffer 512\nexplain rchar\n", signal: (signal, after: 1.0))
        #expect(result.termination == .exited(status), "\(result.stderr)")
        #expect(!result.stdout.contains("> explain rchar"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).filter { $0.hasPrefix("zctour.") } == [])
    }

    @Test func aScriptThatRunsItselfStops() throws {
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let script = scratch + "/self.zct"
        try "script \(script)\n".write(toFile: script, atomically: true, encoding: .utf8)
        let result = try Zctour.run(["script", script], environment: ["XDG_STATE_HOME": scratch])
        #expect(result.termination == .exited(1))
        #expect(result.stderr.contains("scripts nest more than 8 deep; does \(script) run itself?"))
    }

    @Test func anUnwritableTMPDIRIsAFailureThatSaysWhatToDo() throws {
        let result = try Zctour.run(["run", "read-write", "--size", "1M"], environment: ["TMPDIR": "/nonexistent-dir"])
        #expect(result.termination == .exited(1))
        #expect(
            result.stderr
                == "zctour: cannot create a private temporary directory in /nonexistent-dir: ENOENT (No such file or directory); set TMPDIR to a writable directory\n"
        )
    }

    @Test func withoutProcTheCountersAreUnavailableNotZero() throws {
        let result = try Zctour.run(["run", "read-write", "--size", "1M"], environment: ["ZCTOUR_PROC_ROOT": "/nonexistent-proc"])
        #expect(result.termination == .exited(0))
        // (The line wraps to the width; read it as one.)
        let unwrapped = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            unwrapped.contains(
                "/proc counters unavailable (syscalls, bytes, storage): cannot open /nonexistent-proc/thread-self/io: ENOENT (No such file or directory); is /proc mounted?"
            ))
        #expect(!result.stdout.contains("read-type (syscr)"))
        #expect(result.stdout.contains("1,048,576 bytes verified"))
        let json = try Zctour.run(["run", "read-write", "--size", "1M", "--json"], environment: ["ZCTOUR_PROC_ROOT": "/nonexistent-proc"])
        let run = try #require(json.json?["run"] as? [String: Any])
        let counters = try #require(run["counters"] as? [String: Any])
        #expect(counters["syscr"] is NSNull)
        #expect(run["counters_unavailable"] as? String != nil)
    }

    @Test func nothingIsLeftInTheTemporaryDirectory() throws {
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try Zctour.run(
            ["compare", "read-write", "sendfile", "--size", "2M", "--to", "file"], environment: ["TMPDIR": scratch])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func aSignalStopsALongRunAndRemovesItsFiles(signal: Int32, status: Int32) throws {
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let started = Date()
        let result = try Zctour.run(
            ["run", "read-write", "--size", "1G", "--buffer", "512"],
            environment: ["TMPDIR": scratch], signal: (signal, after: 0.7))
        #expect(Date().timeIntervalSince(started) < 0.7 + 2.0)
        #expect(result.termination == .exited(status), "\(result.stderr)")
        #expect(
            result.stderr.contains("temporary files removed") || result.stderr.contains("interrupted")
                || result.stderr.contains("terminated"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }
}
