import Foundation
import FoundationXML
import Glibc
import Testing

/// For instructors: doctor (on this machine and on simulated broken ones), presenter mode, and
/// the exported handouts, parsed strictly and checked against the runs they embed.
@Suite struct InstructorTests {
    /// A lessons folder with one small lesson: quick to run, and with prose that needs escaping.
    static func fixtureLessons() throws -> String {
        let folder = try Zctour.scratchDirectory()
        let lesson = """
            ---
            id: tiny
            number: 1
            title: Tiny <lesson> & "friends"
            demos: read-write, sendfile
            ---

            # Tiny

            Prose with markup to escape: a < b && c > d, 'quoted', <script>alert(1)</script>, **bold** and `code <x>`.

            ## First

            - one item
            - another with a [link](https://example.com/?a=1&b=2)

            ```zctour
            compare read-write sendfile --size 256K --buffer 4K --to file
            expect read-write.syscr == 65
            expect sendfile.syscr == sendfile.calls
            ```

            ## Second

            ```zctour
            run read-write --size 64K --buffer 4K --to null
            expect read-write.syscw == 16
            ```

            """
        try lesson.write(toFile: folder + "/01-tiny.md", atomically: true, encoding: .utf8)
        return folder
    }

    func findings(_ result: Zctour.Result) throws -> [String: [String: Any]] {
        let checks = try #require(result.json?["checks"] as? [[String: Any]], "\(result.stdout) \(result.stderr)")
        var byID: [String: [String: Any]] = [:]
        for check in checks { if let id = check["id"] as? String { byID[id] = check } }
        return byID
    }

    @Test func doctorChecksEverythingAndLeavesNothingBehind() throws {
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try Zctour.run(["doctor", "--json"], environment: ["TMPDIR": scratch])
        let byID = try findings(result)
        #expect(
            Set(byID.keys) == [
                "kernel", "proc", "ptrace", "io_uring", "tmpdir", "leftovers", "page-cache", "memlock", "noise", "libedit", "terminal",
            ])
        for (id, finding) in byID {
            let status = finding["status"] as? String ?? ""
            #expect(["ok", "warning", "blocker"].contains(status), "\(id)")
            if status != "ok" { #expect(finding["meaning"] is String && finding["action"] is String, "\(id): \(finding)") }
        }
        #expect(byID["proc"]?["status"] as? String == "ok")
        let blockers = result.json?["blockers"] as? Int
        #expect(result.termination == .exited(blockers == 0 ? 0 : 1))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }

    /// Without /proc the demos still run, but the lessons lose their point: a blocker, status 1.
    @Test func doctorCallsAMissingProcABlocker() throws {
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let environment = ["ZCTOUR_PROC_ROOT": "/nonexistent-proc", "TMPDIR": scratch]
        let result = try Zctour.run(["doctor", "--json"], environment: environment)
        #expect(result.termination == .exited(1))
        let proc = try #require(try findings(result)["proc"])
        #expect(proc["status"] as? String == "blocker")
        #expect((proc["finding"] as? String ?? "").contains("/nonexistent-proc/thread-self/io"))
        #expect((proc["meaning"] as? String ?? "").contains("unavailable"))
        #expect(result.json?["blockers"] as? Int ?? 0 >= 1)

        let text = try Zctour.run(["doctor"], environment: environment)
        #expect(text.termination == .exited(1))
        #expect(text.stdout.contains("✗ /proc"))
        #expect(text.stdout.contains("Not ready: 1 blocker (/proc)"))
        #expect(text.stderr.isEmpty, "\(text.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }

    /// Refused ptrace only costs --trace: a warning that says so, not a blocker.
    @Test func doctorCallsRefusedPtraceAWarning() throws {
        let result = try Zctour.run(["doctor", "--json"], environment: ["ZCTOUR_SIMULATE_PTRACE_REFUSAL": "1"])
        let byID = try findings(result)
        let ptrace = try #require(byID["ptrace"])
        #expect(ptrace["status"] as? String == "warning")
        #expect((ptrace["finding"] as? String ?? "").contains("PTRACE_SEIZE failed: EPERM"))
        #expect((ptrace["meaning"] as? String ?? "").contains("--trace"))
        // Yama's sysctl is advice only where there is a Yama to set (issue 13: it was named regardless).
        let hasYama = FileManager.default.fileExists(atPath: "/proc/sys/kernel/yama/ptrace_scope")
        #expect((ptrace["action"] as? String ?? "").contains("ptrace_scope") == hasYama, "\(ptrace)")
        let blockers = byID.values.filter { $0["status"] as? String == "blocker" }.count
        #expect(result.termination == .exited(blockers == 0 ? 0 : 1))

        // The verdict under the findings wraps to the width, as the findings do (it ran past 60).
        let text = try Zctour.run(["doctor", "--width", "60"], environment: ["ZCTOUR_SIMULATE_PTRACE_REFUSAL": "1"])
        let verdict = try #require(text.stdout.components(separatedBy: "\n\n").last?.split(separator: "\n"), "\(text.stdout)")
        #expect(verdict.count >= 2 && verdict.allSatisfy { $0.count <= 60 }, "\(text.stdout)")
        #expect(verdict.joined(separator: " ").hasPrefix(blockers == 0 ? "Ready, with warnings: " : "Not ready: "), "\(text.stdout)")
    }

    /// A temporary directory on tmpfs cannot make a run cold: a warning that names a way out.
    @Test func doctorWarnsThatTmpfsPagesCannotBeDropped() throws {
        // Only where /dev/shm is the usual tmpfs.
        guard (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8))?.contains(" /dev/shm tmpfs ") == true else { return }
        let scratch = "/dev/shm/zctour-test-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try Zctour.run(["doctor", "--json"], environment: ["TMPDIR": scratch])
        let cache = try #require(try findings(result)["page-cache"])
        #expect(cache["status"] as? String == "warning")
        #expect((cache["finding"] as? String ?? "").contains("is tmpfs"))
        #expect((cache["action"] as? String ?? "").contains("set TMPDIR to a disk-backed directory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }

    /// The HTML handout parses as XML, holds no external resource or script to run, escapes the
    /// lesson's text, and its tables and charts show exactly the runs it embeds as JSON.
    @Test func exportWritesOneSelfContainedHTMLFileThatMatchesItsRuns() throws {
        let lessons = try Self.fixtureLessons()
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        let out = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let path = out + "/handout.html"
        let result = try Zctour.run(["export", "--format", "html", "-o", path], environment: ["ZCTOUR_LESSONS": lessons])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["handout.html"])
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for external in ["<link", " src=", "url(", "@import", "href=\"http://", "<script>"] {
            #expect(!html.contains(external), "\(external)")
        }

        let document = try XMLDocument(data: Data(html.utf8), options: [])
        let root = try #require(document.rootElement())
        func elements(_ name: String, in node: XMLNode) -> [XMLElement] {
            var found: [XMLElement] = []
            for child in node.children ?? [] {
                if let element = child as? XMLElement {
                    if element.localName == name { found.append(element) }
                    found += elements(name, in: element)
                }
            }
            return found
        }
        // One script, of data; the escaped prose reads back as written.
        let scripts = elements("script", in: root)
        #expect(scripts.count == 1)
        #expect(scripts.first?.attribute(forName: "type")?.stringValue == "application/json")
        let text = root.stringValue ?? ""
        #expect(text.contains("a < b && c > d, 'quoted', <script>alert(1)</script>"))
        #expect(elements("title", in: root).first?.stringValue == "zctour lesson 1: Tiny <lesson> & \"friends\"")
        let link = elements("a", in: root).first { $0.stringValue == "link" }
        #expect(link?.attribute(forName: "href")?.stringValue == "https://example.com/?a=1&b=2")

        let data = try #require(scripts.first?.stringValue)
        let embedded = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        #expect(embedded["schema"] as? String == "zctour.export/1")
        let lesson = try #require((embedded["lessons"] as? [[String: Any]])?.first)
        let runs = try #require(lesson["runs"] as? [[String: Any]])
        #expect(runs.map { $0["label"] as? String } == ["read-write", "sendfile", "read-write"])
        #expect((lesson["checks"] as? [[String: Any]])?.allSatisfy { $0["outcome"] as? String == "passed" } == true)

        // The comparison: a table row and a bar in each chart per run, with the run's numbers.
        let charts = elements("svg", in: root)
        #expect(charts.count == 2)
        let output = elements("pre", in: root).filter { $0.attribute(forName: "class")?.stringValue == "output" }
            .compactMap(\.stringValue).joined(separator: "\n").split(separator: "\n")
        for run in runs.prefix(2) {
            let label = try #require(run["label"] as? String)
            let counters = try #require(run["counters"] as? [String: Any])
            let syscr = try #require(counters["syscr"] as? Int)
            let syscw = try #require(counters["syscw"] as? Int)
            let bytes = try #require(run["bytes"] as? Int)
            let wall = try #require(run["wall_ns"] as? Int)
            // The table as the tour prints it: the row's label, then syscr and syscw.
            let row = try #require(output.first { $0.split(separator: " ").first.map(String.init) == label })
            #expect(
                row.split(separator: " ").dropFirst().prefix(2).map(String.init) == [Self.grouped(syscr), Self.grouped(syscw)], "\(row)")
            // (SVG elements are in the SVG namespace, so their attributes are looked up by local name.)
            func attribute(_ element: XMLElement?, _ name: String) -> String? {
                element?.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
            }
            let bars = charts.map { chart in elements("rect", in: chart).first { attribute($0, "data-label") == label } }
            #expect(bars.count == 2 && bars.allSatisfy { $0 != nil }, "\(label)")
            #expect(attribute(bars[0], "data-value") == String(Int((Double(bytes) * 1e9 / Double(wall)).rounded())))
            #expect(attribute(bars[1], "data-value") == String(syscr + syscw))
            // The throughput bar's whisker spans the rounds' range, which holds the bar's median.
            let walls = try #require(run["wall_ns_runs"] as? [Int])
            #expect(walls.count >= 5, "a comparison's row ran in at least 5 rounds")
            let whisker = try #require(elements("path", in: charts[0]).first { attribute($0, "data-label") == label })
            let low = try #require(attribute(whisker, "data-low").flatMap { Int($0) })
            let high = try #require(attribute(whisker, "data-high").flatMap { Int($0) })
            let median = try #require(attribute(bars[0], "data-value").flatMap { Int($0) })
            #expect(low <= median && median <= high, "\(low) \(median) \(high)")
            #expect(Double(low) >= Double(bytes) * 1e9 / Double(walls.max() ?? 1) - 1)
            #expect(Double(high) <= Double(bytes) * 1e9 / Double(walls.min() ?? 1) + 1)
        }
        // The machine is in the header.
        let machine = try #require(embedded["machine"] as? [String: Any])
        let kernel = try #require(machine["kernel"] as? String)
        #expect(
            elements("p", in: root).first { $0.attribute(forName: "class")?.stringValue == "machine" }?.stringValue?.contains(kernel)
                == true)
    }

    static func grouped(_ value: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    @Test func exportWritesMarkdownToStandardOutput() throws {
        let lessons = try Self.fixtureLessons()
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        let result = try Zctour.run(["export", "--lesson", "tiny"], environment: ["ZCTOUR_LESSONS": lessons])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# zctour lesson 1: Tiny <lesson> & \"friends\"\n"))
        #expect(result.stdout.contains("```console\n$ zctour compare read-write sendfile --size 256K --buffer 4K --to file\n```"))
        #expect(result.stdout.contains("\n  read-write  "))
        #expect(result.stdout.contains("- ✓ `expect read-write.syscr == 65` (65 == 65)"))
        #expect(result.stdout.contains("**✓ 3 of 3 checks held on this machine**"))
    }

    @Test func exportRejectsAnUnknownLessonAndABadPathBeforeRunningAnything() throws {
        let unknown = try Zctour.run(["export", "--lesson", "1,nope", "--lesson", "2"])
        #expect(unknown.termination == .exited(2))
        #expect(unknown.stderr.hasPrefix("zctour: unknown lesson 'nope'; the lessons are 1 kernel-user-copies, 2 buffer-reuse, "))
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        let badPath = try Zctour.run(["export", "-o", "/nonexistent-dir/handout.html"])
        #expect(badPath.termination == .exited(2))
        #expect(
            badPath.stderr.hasPrefix(
                "zctour: cannot write /nonexistent-dir/handout.html: mkstemp failed on /nonexistent-dir/.handout.html.XXXXXX: "
                    + "ENOENT (No such file or directory)"))
        let empty = try Zctour.run(["export", "-o", ""])
        #expect(empty.termination == .exited(2))
        #expect(empty.stderr == "zctour: -o needs a file name, e.g. -o handout.html; or leave -o out to print to standard output\n")
        let badFormat = try Zctour.run(["export", "--format", "pdf"])
        #expect(badFormat.termination == .exited(2))
        #expect(badFormat.stderr == "zctour: unknown format 'pdf'; use md or html\n")
    }

    /// A rename over a device or a pipe would destroy it: export refuses anything but a regular
    /// file, and through a symbolic link replaces the file it points to, keeping the link.
    @Test func exportNeverReplacesADeviceAPipeOrALink() throws {
        let out = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(mkfifo(out + "/fifo", 0o600) == 0)
        for target in ["/dev/null", out + "/fifo"] {
            let result = try Zctour.run(["export", "--lesson", "1", "-o", target])
            #expect(result.termination == .exited(2), "\(target): \(result.stderr)")
            #expect(result.stderr.contains("is not a regular file"), "\(result.stderr)")
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        #expect(lstat(out + "/fifo", &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(symlink(out + "/real.md", out + "/link.md") == 0)
        #expect(FileManager.default.createFile(atPath: out + "/real.md", contents: Data("old".utf8)))
        let linked = try Zctour.run(["export", "--lesson", "2", "-o", out + "/link.md"])
        #expect(linked.termination == .exited(0), "\(linked.stderr)")
        #expect(lstat(out + "/link.md", &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(try String(contentsOfFile: out + "/real.md", encoding: .utf8).hasPrefix("# zctour lesson 2"))
    }

    /// Ctrl-C while the lessons run: no handout, no temporary file, no sample left.
    @Test func anInterruptedExportLeavesNoFile() throws {
        let out = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Zctour.run(
            ["export", "-o", out + "/handout.html"], environment: ["TMPDIR": out],
            signal: (SIGINT, after: 0.6))
        #expect(result.termination == .exited(130), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [])
    }

    @Test func stepNeedsATerminal() throws {
        let result = try Zctour.run(["lesson", "1", "--step"])
        #expect(result.termination == .exited(2))
        #expect(result.stderr.hasPrefix("zctour: --step waits for Enter between sections, so it needs a terminal on standard input"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// Presenter mode on a real terminal: each section waits for Enter; q stops cleanly.
    @Test func stepPausesBeforeEachSectionUntilEnterAndStopsAtQ() throws {
        let lessons = try Self.fixtureLessons()
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        let terminal = try Terminal(environment: ["ZCTOUR_LESSONS": lessons], arguments: ["lesson", "1", "--step"])
        #expect(terminal.waitFor("next: First (1 of 2)") != nil, "\(terminal.diagnosis)")
        #expect(!terminal.visible().contains("## First"))
        let mark = terminal.mark
        terminal.type("\r")
        #expect(
            terminal.waitFor(sequence: ["## First", "✓ 2 claims held · --verbose lists them", "next: Second (2 of 2)"], after: mark),
            "\(terminal.diagnosis)")
        terminal.type("q")
        #expect(terminal.wait() == .exited(0), "\(terminal.diagnosis)")
        #expect(terminal.visible().contains("stopped before section 2 of 2"))
        #expect(!terminal.visible().contains("## Second"))

        // Stopped before any check ran: no summary of nothing ("✓ 0 of 0 checks held", review).
        let early = try Terminal(environment: ["ZCTOUR_LESSONS": lessons], arguments: ["lesson", "1", "--step"])
        #expect(early.waitFor("next: First (1 of 2)") != nil, "\(early.diagnosis)")
        early.type("q")
        #expect(early.wait() == .exited(0), "\(early.diagnosis)")
        #expect(early.visible().contains("stopped before section 1 of 2"), "\(early.diagnosis)")
        #expect(!early.visible().contains("checks held"), "\(early.diagnosis)")
    }

    /// --width narrower than the terminal: the lesson's text, commands, checks and run views fit.
    @Test(arguments: [1, 2, 7])
    func aLessonFitsTheWidthItIsGiven(number: Int) throws {
        let result = try Zctour.run(["lesson", String(number), "--width", "60"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let wide = result.stdout.split(separator: "\n").filter { $0.count > 60 }
        #expect(wide.isEmpty, "\(wide)")
    }
}
