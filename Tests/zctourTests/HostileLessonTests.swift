import Foundation
import FoundationXML
import Glibc
import Testing

/// A lesson folder from anyone (issue 13, items 3, 13 and 14): its blocks may show and measure,
/// nothing else, and what it holds reaches a terminal or a handout only as text.
@Suite struct HostileLessonTests {
    /// A lessons folder with one lesson whose block is `block` and whose title and prose are
    /// `title` and `prose`.
    static func folder(block: String, title: String = "Hostile", prose: String = "Plain prose.") throws -> String {
        let folder = try Zctour.scratchDirectory()
        let lesson = """
            ---
            id: hostile
            number: 1
            title: \(title)
            demos: read-write
            ---

            # Hostile

            \(prose)

            ## Only section

            ```zctour
            \(block)
            ```

            ## Sources

            - sendfile(2)

            """
        try lesson.write(toFile: folder + "/01-hostile.md", atomically: true, encoding: .utf8)
        return folder
    }

    /// Each was run (`script /etc/passwd` printed the file line by line, `check-all` and
    /// `export --lesson 1` recursed until a segfault, `set` changed the learner's defaults)
    /// and lint passed them all.
    @Test(arguments: [
        "script /etc/passwd", "check-all", "export --lesson 1 -o /tmp/zctour-hostile-export.md", "set size 4K", "reset", "lesson 1", "quit",
    ])
    func aBlockThatIsNotShowAndMeasureIsRefusedAndFlagged(block: String) throws {
        let folder = try HostileLessonTests.folder(block: block)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let home = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["ZCTOUR_LESSONS": folder, "XDG_STATE_HOME": home]
        let name = String(block.split(separator: " ")[0])
        let result = try Zctour.run(["lesson", "1"], environment: environment)
        #expect(result.termination == .exited(1), "\(result.stderr)")
        #expect(
            result.stderr.hasPrefix(
                "zctour: \(folder)/01-hostile.md:15: '\(block)' cannot run inside a lesson: \(name) is not one of the commands a lesson may run"
            ))
        #expect(!result.stdout.contains("root:x:0:0"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/zctour-hostile-export.md"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: home) == [], "no state was written")
        let lint = try Zctour.run(["lint", folder])
        #expect(lint.termination == .exited(1))
        #expect(lint.stdout.contains("01-hostile.md:15: '\(block)' cannot run inside a lesson: \(name) is not one of"), "\(lint.stdout)")
    }

    /// The commands that show and measure still run.
    @Test func showAndMeasureStillRun() throws {
        let folder = try HostileLessonTests.folder(
            block: "run read-write --size 64K --buffer 4K --to null\nexplain syscr\nexpect read-write.syscr == 17")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Zctour.run(["lesson", "1"], environment: ["ZCTOUR_LESSONS": folder])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(try Zctour.run(["lint", folder]).stdout == "1 lesson file, no problems\n")
    }

    static let escapes = (
        title: "Evil \u{1B}]0;pwned\u{7} title \u{1B}[2J",
        prose: "Copy this \u{1B}]52;c;ZWNobyBvd25lZA==\u{7}now\u{0}\u{8} and \u{9B}31mred\u{1B}[0m."
    )

    /// OSC 0 (the window's title), ESC[2J (clear), OSC 52 (the clipboard), a C1 CSI, NUL and
    /// backspace reached the terminal raw; they are stripped, and lint names the lines.
    @Test func escapesNeverReachTheTerminal() throws {
        let folder = try HostileLessonTests.folder(
            block: "run read-write --size 64K --to null", title: HostileLessonTests.escapes.title, prose: HostileLessonTests.escapes.prose)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Zctour.run(["lesson", "1"], environment: ["ZCTOUR_LESSONS": folder])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(!result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        #expect(result.stdout.hasPrefix("Lesson 1 of 1 · Evil  title\n"), "\(result.stdout.prefix(80).debugDescription)")
        #expect(result.stdout.contains("Copy this now and red."))
        let lint = try Zctour.run(["lint", folder])
        #expect(lint.termination == .exited(1))
        #expect(lint.stdout.contains("01-hostile.md:4: this line holds a control character (ESC), which the tour removes"))
        #expect(lint.stdout.contains("01-hostile.md:10: this line holds a control character (ESC)"))
    }

    /// The HTML handout was not well-formed XML with them; now it parses strictly.
    @Test func escapesNeverReachAHandout() throws {
        let folder = try HostileLessonTests.folder(
            block: "run read-write --size 64K --to null", title: HostileLessonTests.escapes.title,
            prose: HostileLessonTests.escapes.prose + " A [link](javascript:alert(1)) and [a real one](https://example.com).")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Zctour.run(["export", "--format", "html"], environment: ["ZCTOUR_LESSONS": folder])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let parser = XMLParser(data: Data(result.stdout.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(!result.stdout.contains("href=\"javascript"))
        #expect(result.stdout.contains("<a href=\"https://example.com\">a real one</a>"))
        let markdown = try Zctour.run(["export", "--format", "md"], environment: ["ZCTOUR_LESSONS": folder])
        #expect(!markdown.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
    }
}
