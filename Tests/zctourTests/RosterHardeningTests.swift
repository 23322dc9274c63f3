import Foundation
import Glibc
import Testing

/// Reports are hand-editable files the instructor projects: what is in them must not drive the
/// terminal or the page, nor count one learner twice, nor show a value no report holds.
@Suite(.serialized) struct RosterHardeningTests {
    /// A real report (`progress --json`, as `report -o` writes it) as a JSON object to edit.
    static func realReport(in folder: String) throws -> [String: Any] {
        let made = try Zctour.run(["progress", "--json"], environment: ["XDG_STATE_HOME": folder + "/state"])
        #expect(made.termination == .exited(0), "\(made.stderr)")
        return try #require(made.json)
    }

    static func write(_ report: [String: Any], to path: String) throws {
        try JSONSerialization.data(withJSONObject: report).write(to: URL(fileURLWithPath: path))
    }

    static func prediction(question: String, guess: Int, measured: Int) -> [String: Any] {
        [
            "lesson": "buffer-reuse", "line": 55, "question": question, "expression": "read-write-alloc.allocations",
            "guess": guess, "measured": measured, "reason": NSNull(),
        ]
    }

    /// Control characters (C0 but newline, DEL, C1) and bidi controls: none may reach the output.
    static func unsafeScalars(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar.value != 0x0A) || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isBidiControl
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func hostileStringsReachNeitherTheTerminalNorThePage() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var hostile = try Self.realReport(in: folder)
        hostile["name"] = "Ev\u{1B}[2J\nil\u{07}\u{202E}Bob"
        var machine = try #require(hostile["machine"] as? [String: Any])
        machine["architecture"] = "x86\u{1B}[31m_64"
        hostile["machine"] = machine
        hostile["doctor"] = [["id": "noise", "title": "no\u{1B}]0;owned\u{07}ise", "status": "warning"]]
        hostile["predictions"] = [Self.prediction(question: "How\u{1B}[2J many\u{07} \u{202E}allocations?", guess: 300, measured: 257)]
        var blank = hostile
        blank["name"] = " \u{1B}[31m\u{202E}\t "
        blank["predictions"] = []
        var long = blank
        long["name"] = String(repeating: "L", count: 120)
        for (name, report) in [("hostile", hostile), ("blank", blank), ("long", long)] {
            try Self.write(report, to: "\(folder)/\(name).json")
        }
        let files = ["hostile", "blank", "long"].map { "\(folder)/\($0).json" }

        for columns in [60, 80, 100] {
            let text = try Zctour.run(["roster"] + files, environment: ["COLUMNS": String(columns)])
            #expect(text.termination == .exited(0), "\(text.stderr)")
            #expect(Self.unsafeScalars(text.stdout).isEmpty, "\(Self.unsafeScalars(text.stdout))")
            let lines = text.stdout.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= columns }, "\(columns) columns:\n\(text.stdout)")
            let joined = text.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            // One line per learner's name; blank after cleaning is no name; 120 characters are cut to 40.
            let cut = String(repeating: "L", count: 39) + "…"
            #expect(joined.contains("1 Ev ilBob (\(files[0])) · 2 #2 (\(files[1])) · 3 \(cut) ("), "\(joined)")
            #expect(joined.contains("lesson 2: How many allocations?"), "\(joined)")
            #expect(joined.contains("Linux ") && joined.contains(" x86_64 · "), "\(joined)")
            #expect(joined.contains(": noise (warning)"), "\(joined)")
        }

        let html = try Zctour.run(["roster", "--html"] + files)
        #expect(html.termination == .exited(0), "\(html.stderr)")
        #expect(Self.unsafeScalars(html.stdout).isEmpty, "\(Self.unsafeScalars(html.stdout))")
        #expect(html.stdout.contains("<th>Ev ilBob</th><th>#2</th><th>\(String(repeating: "L", count: 39))…</th>"))
        #expect(html.stdout.contains("<h3>Lesson 2: How many allocations?</h3>"))
        let json = try #require(try Zctour.run(["roster", "--json"] + files).json)
        let learners = try #require(json["learners"] as? [[String: Any]])
        #expect(learners.map { $0["name"] as? String } == ["Ev ilBob", nil, String(repeating: "L", count: 39) + "…"])
        #expect(learners[1]["name"] is NSNull)
    }

    /// A file named twice or copied is one learner; a report zctour could not have written is
    /// refused whole, with one line naming the field and what is allowed.
    @Test func duplicatesAndImpossibleValuesAreSkippedWithOneLineEach() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ada = try Self.realReport(in: folder)
        ada["name"] = "Ada"
        ada["predictions"] = [Self.prediction(question: "How many allocations?", guess: 4, measured: 257)]
        var bob = ada
        bob["name"] = "Bob"
        var repeated = ada
        repeated["name"] = "Rep"
        repeated["predictions"] = Array(
            repeating: Self.prediction(question: "How many allocations?", guess: 257, measured: 257), count: 1000)
        var cpus = ada
        cpus["name"] = "Cpus"
        var machine = try #require(ada["machine"] as? [String: Any])
        machine["cpus"] = -3
        cpus["machine"] = machine
        var measured = ada
        measured["name"] = "Measured"
        measured["predictions"] = [Self.prediction(question: "How many allocations?", guess: 4, measured: -7)]
        for (name, report) in [("ada", ada), ("bob", bob), ("repeated", repeated), ("cpus", cpus), ("measured", measured)] {
            try Self.write(report, to: "\(folder)/\(name).json")
        }
        try FileManager.default.copyItem(atPath: folder + "/ada.json", toPath: folder + "/copy.json")
        let names = ["ada", "bob", "ada", "copy", "repeated", "cpus", "measured"]
        let roster = try Zctour.run(["roster"] + names.map { "\(folder)/\($0).json" })
        #expect(roster.termination == .exited(0), "\(roster.stderr)")
        #expect(
            roster.stderr.split(separator: "\n").map(String.init) == [
                "zctour: roster: skipped \(folder)/ada.json: named twice; it is read once",
                "zctour: roster: skipped \(folder)/copy.json: the same report as \(folder)/ada.json, which is read once",
                "zctour: roster: skipped \(folder)/repeated.json: the prediction at line 55 of lesson buffer-reuse is answered twice; "
                    + "a report holds one answer per prediction",
                "zctour: roster: skipped \(folder)/cpus.json: machine.cpus is -3; a machine has 1 CPU or more",
                "zctour: roster: skipped \(folder)/measured.json: predictions[0].measured is -7; a measurement is a count, 0 or more",
            ])
        #expect(roster.stdout.hasPrefix("zctour roster · 2 reports read\n"), "\(roster.stdout)")
        let joined = roster.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(joined.contains("guesses: Ada 4 · Bob 4 exact: 0 of 2 guesses"), "\(roster.stdout)")
        #expect(!roster.stdout.contains("-3 CPUs") && !roster.stdout.contains("-7"))
        let json = try #require(try Zctour.run(["roster", "--json"] + names.map { "\(folder)/\($0).json" }).json)
        #expect((json["skipped"] as? [[String: Any]])?.count == 5)
        #expect((json["learners"] as? [[String: Any]])?.map { $0["label"] as? String } == ["Ada", "Bob"])

        // Nothing readable is still status 2.
        let none = try Zctour.run(["roster", folder + "/cpus.json", folder + "/measured.json"])
        #expect(none.termination == .exited(2))
        #expect(none.stderr.hasSuffix("zctour: roster: none of the 2 files is a progress report (zctour report -o FILE writes one)\n"))
    }

    /// The room's total of exact guesses has a line of its own, so it cannot read as the last
    /// learner's, at every width.
    @Test func theExactTotalIsNotTheLastLearners() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files: [String] = []
        let real = try Self.realReport(in: folder)
        for (index, guess) in [4, 257, 16_384].enumerated() {
            var report = real
            report["name"] = "Ada"
            report["predictions"] = [Self.prediction(question: "How many allocations?", guess: guess, measured: 257)]
            try Self.write(report, to: "\(folder)/\(index).json")
            files.append("\(folder)/\(index).json")
        }
        for columns in [60, 80, 100] {
            let text = try Zctour.run(["roster"] + files, environment: ["COLUMNS": String(columns)])
            #expect(text.termination == .exited(0), "\(text.stderr)")
            let lines = text.stdout.split(separator: "\n").map(String.init)
            let guesses = try #require(lines.firstIndex { $0.hasPrefix("     guesses: ") }, "\(text.stdout)")
            let total = try #require(lines.firstIndex { $0.hasPrefix("     exact: ") }, "\(text.stdout)")
            #expect(lines[total] == "     exact: 1 of 3 guesses")
            #expect(total > guesses)
            #expect(lines[guesses..<total].joined(separator: " ").split(separator: " ").joined(separator: " ").hasSuffix("Ada (3) 16,384"))
            #expect(lines.allSatisfy { $0.count <= columns })
        }
    }

    /// Where `-o` cannot be written, the advice is `-o -`, which works; an empty -o is named as such.
    @Test func theOutputAdviceIsTrue() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = ["XDG_STATE_HOME": folder + "/state"]
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: folder + "/nowhere/report.json")
        let advice = "give -o - to print to standard output\n"
        for (target, what) in [
            ("/dev/full", "is not a regular file (a device, pipe or socket), which zctour will not replace"),
            (folder + "/fifo", "is not a regular file (a device, pipe or socket), which zctour will not replace"),
            (folder + "/dangling", "is a symbolic link that leads to no file zctour could replace"),
        ] {
            let report = try Zctour.run(["report", "-o", target], environment: state)
            #expect(report.termination == .exited(2))
            #expect(report.stderr == "zctour: -o \(target) \(what); \(advice)")
        }
        let dash = try Zctour.run(["report", "-o", "-", "--name", "Ada"], environment: state)
        #expect(dash.termination == .exited(0), "\(dash.stderr)")
        #expect(dash.json?["name"] as? String == "Ada")
        try dash.stdout.write(toFile: folder + "/ada.json", atomically: true, encoding: .utf8)

        let full = try Zctour.run(["roster", "--html", "-o", "/dev/full", folder + "/ada.json"])
        #expect(full.termination == .exited(2))
        #expect(
            full.stderr == "zctour: -o /dev/full is not a regular file (a device, pipe or socket), which zctour will not replace; \(advice)"
        )
        let page = try Zctour.run(["roster", "--html", "-o", "-", folder + "/ada.json"])
        #expect(page.termination == .exited(0) && page.stdout.hasPrefix("<!DOCTYPE html>"), "\(page.stderr)")

        let empty = try Zctour.run(["report", "-o", ""], environment: state)
        #expect(empty.termination == .exited(2))
        #expect(empty.stderr == "zctour: -o needs a file name, e.g. -o report.json; or give -o - to print to standard output\n")
        let emptyRoster = try Zctour.run(["roster", "--html", "-o", "", folder + "/ada.json"])
        #expect(emptyRoster.stderr == "zctour: -o needs a file name, e.g. -o roster.html; or give -o - to print to standard output\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["ada.json", "dangling", "fifo", "state"])
    }
}
