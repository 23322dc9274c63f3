import Foundation
import FoundationXML
import Glibc
import TestSupport
import Testing

/// The workshop kit end to end: three learners' reports made by real runs, the roster over
/// them in text, JSON and HTML; foreign files; `--from`; paging under `--step` on a real
/// pseudo-terminal; and the plan that cannot drift from the lessons.
@Suite(.serialized) struct WorkshopTests {
    /// Three learners with their own state: Ada does few-reads, Bob thousand-writes and a
    /// prediction (guess 300) at the allocating loop, #3 nothing, on a "machine" whose doctor
    /// warns (a tmpfs TMPDIR, so the page cache cannot be dropped).
    static func threeReports() throws -> (folder: String, files: [String]) {
        let folder = try Zctour.scratchDirectory()
        func run(_ arguments: [String], _ learner: String, input: String? = nil, tmp: String? = nil) throws {
            var environment = ["XDG_STATE_HOME": folder + "/" + learner]
            if let tmp { environment["TMPDIR"] = tmp }
            let result = try Zctour.run(arguments, environment: environment, input: input)
            #expect(result.termination == .exited(0), "\(arguments): \(result.stderr)")
        }
        try run(["challenge", "few-reads"], "ada")
        try run(["run", "read-write", "--size", "16M", "--buffer", "1M"], "ada")
        try run(["check"], "ada")
        try run(["report", "-o", folder + "/ada.json", "--name", "Ada"], "ada")
        try run(["challenge", "thousand-writes"], "bob")
        try run(["run", "read-write", "--size", "4000K", "--buffer", "4K"], "bob")
        try run(["check"], "bob")
        try run([], "bob", input: "predict 300\nlesson buffer-reuse\nnext\n")
        try run(["report", "-o", folder + "/bob.json", "--name", "Bob"], "bob")
        try run(["report", "-o", folder + "/third.json"], "third", tmp: "/dev/shm")
        return (folder, ["ada.json", "bob.json", "third.json"].map { folder + "/" + $0 })
    }

    @Test func theRosterOfThreeRunsShowsTheRightTable() throws {
        let (folder, files) = try Self.threeReports()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // A report names nothing of the machine but its kernel, architecture and CPUs.
        let ada = try String(contentsOfFile: files[0], encoding: .utf8)
        #expect(!ada.contains(folder) && !ada.contains("\"/"), "\(ada)")
        let bob = try String(contentsOfFile: files[1], encoding: .utf8)
        #expect(bob.contains("\"guess\" : 300"), "\(bob)")
        if let user = getpwuid(getuid()).map({ String(cString: $0.pointee.pw_name) }) {
            #expect(!ada.contains("\"\(user)\""))
        }
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count)
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(hostName.isEmpty || !ada.contains(hostName))
        let third = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: files[2]))) as? [String: Any])
        #expect(third["schema"] as? String == "zctour.progress/1")
        #expect(third["name"] is NSNull)
        // /dev/shm as TMPDIR: doctor warns of the page cache. Every report may also carry the noise
        // warning, which is this machine's load at that moment; the roster must show what each says.
        #expect((third["doctor"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.filter { $0 != "noise" } == ["page-cache"])
        let warnings = try files.map { file -> Int in
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
            let ids = (report?["doctor"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            #expect(ids.allSatisfy { ["noise", "page-cache"].contains($0) }, "\(file): \(ids)")
            return ids.count
        }

        // Text, at 80 columns: the cells of the challenge rows, the prediction, the warning.
        let text = try Zctour.run(["roster"] + files, environment: ["COLUMNS": "80"])
        #expect(text.termination == .exited(0), "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(text.stdout)")
        func cells(_ challenge: String) -> [String] {
            let line = lines.first { $0.split(separator: " ").dropFirst().first.map(String.init) == challenge } ?? ""
            return line.split(separator: " ").map(String.init)
        }
        #expect(cells("few-reads") == ["1", "few-reads", "✓", "·", "·", "1", "of", "3"], "\(text.stdout)")
        #expect(cells("thousand-writes") == ["1", "thousand-writes", "·", "✓", "·", "1", "of", "3"])
        #expect(cells("seventeen-allocations") == ["2", "seventeen-allocations", "·", "·", "·", "0", "of", "3"])
        let joined = text.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(joined.contains("learners: 1 Ada (\(files[0])) · 2 Bob (\(files[1])) · 3 #3 (\(files[2]))"), "\(text.stdout)")
        #expect(
            joined.contains("measured 257 (read-write-alloc.allocations) guesses: Bob 300 exact: 0 of 1 guess Machines"), "\(text.stdout)")
        #expect(joined.contains("Machines whose doctor warned "), "\(text.stdout)")
        #expect(joined.contains("CPUs: page cache (warning)"), "\(text.stdout)")
        for (index, label) in ["1 Ada", "2 Bob", "3 #3"].enumerated() {
            #expect(joined.contains("\(label), Linux") == (warnings[index] > 0), "\(label): \(text.stdout)")
        }

        // JSON: the same cells.
        let json = try #require(try Zctour.run(["roster", "--json"] + files).json)
        #expect(json["schema"] as? String == "zctour.roster/1")
        let rows = try #require(json["challenges"] as? [[String: Any]])
        func done(_ id: String) -> [Bool]? { rows.first { $0["id"] as? String == id }?["done"] as? [Bool] }
        #expect(done("few-reads") == [true, false, false])
        #expect(done("thousand-writes") == [false, true, false])
        #expect(done("release-day") == [false, false, false])
        let learners = try #require(json["learners"] as? [[String: Any]])
        #expect(learners.map { $0["label"] as? String } == ["Ada", "Bob", "#3"])
        #expect(learners.map { $0["challenges_done"] as? Int } == [1, 1, 0])
        #expect(learners.map { ($0["doctor"] as? [Any])?.count } == warnings)
        let predictions = try #require(json["predictions"] as? [[String: Any]])
        #expect(predictions.count == 1)
        let answers = try #require(predictions.first?["answers"] as? [[String: Any]])
        #expect(answers.count == 1)
        #expect(answers.first?["learner"] as? Int == 2)
        #expect(answers.first?["guess"] as? Int == 300)
        #expect(answers.first?["measured"] as? Int == 257)

        // HTML: a well-formed page whose roster table has the same cells.
        let page = folder + "/roster.html"
        let html = try Zctour.run(["roster", "--html", "-o", page] + files)
        #expect(html.termination == .exited(0), "\(html.stderr)")
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: page), options: [])
        func row(_ id: String) throws -> [String] {
            try document.nodes(forXPath: "//table[@class='roster']/tr[td/code='\(id)']/td").compactMap(\.stringValue)
        }
        #expect(try row("few-reads") == ["1", "few-reads", "✓", "·", "·", "1 of 3"])
        #expect(try row("thousand-writes") == ["1", "thousand-writes", "·", "✓", "·", "1 of 3"])
        #expect(try document.nodes(forXPath: "//table[@class='roster']/tr/th").compactMap(\.stringValue).contains("Bob"))
        #expect(try document.nodes(forXPath: "//ul[@class='warned']/li").count == warnings.filter { $0 > 0 }.count)
    }

    /// Files that are not reports get one line each and are skipped; none read is status 2.
    @Test func foreignFilesAreSkippedWithOneLineEach() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try Zctour.run(["progress", "--json"], environment: ["XDG_STATE_HOME": folder + "/state"])
        #expect(good.termination == .exited(0), "\(good.stderr)")
        let files = [
            ("good.json", good.stdout), ("newer.json", #"{"schema": "zctour.progress/2", "lesson": 1}"#),
            ("run.json", #"{"schema": "zctour.run/1"}"#), ("text.json", "not json at all\n"), ("empty.json", ""),
            ("shape.json", #"{"schema": "zctour.progress/1", "lessons": 3}"#),
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let all = try Zctour.run(["roster"] + files.map { folder + "/" + $0.0 } + [folder + "/missing.json"])
        #expect(all.termination == .exited(0), "\(all.stderr)")
        #expect(all.stdout.contains("1 report read"))
        let skipped = all.stderr.split(separator: "\n").map(String.init)
        #expect(skipped.count == 6, "\(all.stderr)")
        #expect(
            skipped.contains(
                "zctour: roster: skipped \(folder)/newer.json: written by a newer zctour (zctour.progress/2); this one reads zctour.progress/1"
            ))
        #expect(
            skipped.contains(
                "zctour: roster: skipped \(folder)/run.json: a zctour.run/1 document, not a progress report (zctour.progress/1)"))
        #expect(
            skipped.contains(
                "zctour: roster: skipped \(folder)/text.json: not JSON; a progress report is what zctour report -o FILE writes"))
        #expect(skipped.contains("zctour: roster: skipped \(folder)/empty.json: it is empty"))
        #expect(skipped.contains("zctour: roster: skipped \(folder)/shape.json: a zctour.progress/1 document with missing or wrong fields"))
        #expect(skipped.contains { $0.hasPrefix("zctour: roster: skipped \(folder)/missing.json: cannot read it: ENOENT") })
        let none = try Zctour.run(["roster", folder + "/empty.json", folder + "/text.json"])
        #expect(none.termination == .exited(2))
        #expect(none.stderr.split(separator: "\n").count == 3, "\(none.stderr)")
        #expect(none.stderr.hasSuffix("zctour: roster: none of the 2 files is a progress report (zctour report -o FILE writes one)\n"))
        // The report is written whole or not at all: nothing beside it, a directory refused.
        let refused = try Zctour.run(["report", "-o", folder], environment: ["XDG_STATE_HOME": folder + "/state"])
        #expect(refused.termination == .exited(2))
        #expect(refused.stderr == "zctour: -o \(folder) is a directory; give a file name, e.g. -o \(folder)/report.json\n")
    }

    /// --from by number or heading prefix; a bad one is one line listing the sections, status 2.
    @Test func fromStartsAtTheSectionItNames() throws {
        let byHeading = try Zctour.run(["lesson", "buffer-reuse", "--from", "SAME syscalls"])
        #expect(byHeading.termination == .exited(0), "\(byHeading.stderr)")
        #expect(byHeading.stdout.contains("\n## Same syscalls, same copies\n"))
        #expect(!byHeading.stdout.contains("## Two loops that look alike"))
        let byNumber = try Zctour.run(["lesson", "buffer-reuse", "--from", "2"])
        #expect(byNumber.stdout.split(separator: "\n").filter { $0.hasPrefix("## ") }.first == "## Same syscalls, same copies")
        let bad = try Zctour.run(["lesson", "buffer-reuse", "--from", "nowhere"])
        #expect(bad.termination == .exited(2))
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(
            bad.stderr.hasPrefix(
                "zctour: lesson 2 has no section 'nowhere'; its sections: 1 Two loops that look alike; 2 Same syscalls, same copies;"))
        // A sign is neither an option (`--from -1` read as one) nor part of a number (`+2` was 2).
        for signed in ["-1", "+2"] {
            let result = try Zctour.run(["lesson", "buffer-reuse", "--from", signed])
            #expect(result.termination == .exited(2))
            #expect(result.stderr.hasPrefix("zctour: lesson 2 has no section '\(signed)'; its sections: "), "\(result.stderr)")
        }
        let ambiguous = try Zctour.run(["lesson", "kernel-user-copies", "--from", "c"])
        #expect(ambiguous.termination == .exited(2))
        #expect(ambiguous.stderr.contains("--from 'c' starts 3 section headings of lesson 1: 3 Counting syscalls; 7 Compare; 8 Challenges"))
    }

    /// --step --from on a real terminal starts at that section; a section taller than the
    /// terminal pauses at a one-line "more" prompt; q there stops the lesson.
    @Test func stepPagesALongSectionAndStartsWhereFromSays() throws {
        let terminal = try Terminal(
            environment: [:], arguments: ["lesson", "kernel-user-copies", "--step", "--from", "1"], rows: 14, columns: 80)
        #expect(terminal.waitFor("next: The loop every blog post starts with (1 of ") != nil, "\(terminal.diagnosis)")
        var mark = terminal.mark
        terminal.type("\r")
        #expect(terminal.waitFor("-- more --", after: mark) != nil, "\(terminal.diagnosis)")
        let firstScreen = terminal.visible(from: mark)
        #expect(firstScreen.split(separator: "\n").count <= 14, "\(firstScreen)")
        #expect(!firstScreen.contains("next: Where the bytes go"))
        // A window made shorter at the prompt: the next screenful fits the new height (the pager
        // read the rows once, and 9 lines scrolled away unseen; review).
        terminal.resize(rows: 8, columns: 80)
        usleep(100_000)
        mark = terminal.mark
        terminal.type("\r")
        #expect(terminal.waitFor("-- more --", after: mark) != nil, "\(terminal.diagnosis)")
        let shorter = terminal.visible(from: mark)
        #expect(shorter.split(separator: "\n").count <= 8, "\(shorter)")
        terminal.type("q")
        #expect(terminal.wait(timeout: 30) == .exited(0), "\(terminal.diagnosis)")
        #expect(terminal.visible().contains("stopped inside section 1 of "), "\(terminal.diagnosis)")
        #expect(!terminal.visible().contains("## Where the bytes go"))

        let later = try Terminal(
            environment: [:], arguments: ["lesson", "kernel-user-copies", "--step", "--from", "compare"], rows: 50, columns: 100)
        #expect(later.waitFor("next: Compare (7 of ") != nil, "\(later.diagnosis)")
        later.type("q")
        #expect(later.wait() == .exited(0))
        #expect(!later.visible().contains("-- more --"))
    }

    /// The plans poll the lessons' own predictions: each quoted question is, word for word, a
    /// lesson's `predict` line, and in the two-hour plan the expression after it is that line's.
    /// Every section the plans name in italics is a lesson's heading. `lint` checks only the
    /// commands (`--from`, challenges, scripts), not these words.
    @Test func thePlansNameTheLessonsOwnPollsAndSections() throws {
        var predictions: [String: String] = [:]
        var headings: Set<String> = []
        let lessons = Fixtures.lessons.path
        for name in try FileManager.default.contentsOfDirectory(atPath: lessons) where name.hasSuffix(".md") {
            for line in try String(contentsOfFile: lessons + "/" + name, encoding: .utf8).split(separator: "\n") {
                if line.hasPrefix("## ") { headings.insert(String(line.dropFirst(3))) }
                guard line.hasPrefix("predict "), let colon = line.firstRange(of: ": ") else { continue }
                predictions[String(line[colon.upperBound...])] = String(line.dropFirst("predict ".count)[..<colon.lowerBound])
            }
        }
        let workshop = Fixtures.samples.appendingPathComponent("workshop").path
        var polled: [String] = []
        for file in ["README.md", "variant-45.md"] {
            let text = try String(contentsOfFile: workshop + "/" + file, encoding: .utf8)
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for match in flat.matches(of: /\*\*Poll\*\* \([^)]*\): "([^"]+)"/) {
                let question = String(match.output.1)
                #expect(predictions[question] != nil, "\(file): no lesson predicts \"\(question)\"")
                if file == "README.md" {
                    let after = flat[match.range.upperBound...]
                    let expression = after.firstMatch(of: /\(`([^`]+)`\)/).map { String($0.output.1) }
                    #expect(expression == predictions[question], "\(file): \"\(question)\" is not (`\(expression ?? "")`)")
                    polled.append(expression ?? "")
                }
            }
            // Italics outside code spans: `**` is bold, a lone `*` pair a section's heading.
            let prose = flat.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset.isMultiple(of: 2) }.map(\.element).joined(separator: " ")
            for match in prose.replacing("**", with: "").matches(of: /\*([^*]+)\*/) {
                #expect(headings.contains(String(match.output.1)), "\(file): no lesson has a section *\(match.output.1)*")
            }
        }
        #expect(
            polled == [
                "read-write@4K.syscr", "read-write-alloc.allocations", "mmap.minflt", "sendfile.rchar", "splice.raw.syscr",
                "http-loop.syscr",
            ])
    }

    /// The plan cannot drift: a section renamed in a copy of the lessons makes lint name the
    /// plan's line that presents it.
    @Test func lintFailsWhenThePlanNamesASectionThatIsGone() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Fixtures.lessons.path, toPath: folder + "/lessons")
        try FileManager.default.createDirectory(atPath: folder + "/samples", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Fixtures.samples.appendingPathComponent("workshop").path, toPath: folder + "/samples/workshop")
        let clean = try Zctour.run(["lint"], environment: ["ZCTOUR_LESSONS": folder + "/lessons"])
        #expect(clean.termination == .exited(0), "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains(" workshop files naming "), "\(clean.stdout)")

        let sendfile = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder + "/lessons").first { $0.hasSuffix("-sendfile.md") })
        let path = folder + "/lessons/" + sendfile
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "## Copies on the way out", with: "## Copies outward").write(
            toFile: path, atomically: true, encoding: .utf8)
        let broken = try Zctour.run(["lint"], environment: ["ZCTOUR_LESSONS": folder + "/lessons"])
        #expect(broken.termination == .exited(1))
        let problems = broken.stdout.split(separator: "\n").filter { $0.contains("has no section 'Copies on the way out'") }
        #expect(problems.contains { $0.hasPrefix(folder + "/samples/workshop/README.md:") }, "\(broken.stdout)")
        #expect(problems.contains { $0.hasPrefix(folder + "/samples/workshop/variant-45.md:") }, "\(broken.stdout)")

        // A script line that no longer parses is named too.
        try "run read-write --size 1M --bufer 4K\n".write(
            toFile: folder + "/samples/workshop/07-typo.zct", atomically: true, encoding: .utf8)
        let typo = try Zctour.run(["lint", folder + "/samples/workshop/07-typo.zct"], environment: ["ZCTOUR_LESSONS": folder + "/lessons"])
        #expect(typo.termination == .exited(1))
        #expect(typo.stdout.hasPrefix(folder + "/samples/workshop/07-typo.zct:1: 'run read-write --size 1M --bufer 4K':"), "\(typo.stdout)")
    }
}
