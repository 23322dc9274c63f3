import Foundation
import Glibc
import TestSupport
import Testing

/// Ctrl-C in a transcript or a script stops it with 130 and says where (issue 13, item 5: a
/// pending SIGINT was cleared at the start of each command, so a piped transcript lost it and
/// ran to the end with status 0).
@Suite struct SignalTests {
    /// Many quick commands that never look at the signal themselves: the SIGINT lands between
    /// or inside them, and stops the transcript before its next line.
    static let quickCommands = String(repeating: "list\n", count: 3000)

    @Test func ctrlCStopsAPipedTranscriptWith130() throws {
        let result = try Zctour.run([], input: SignalTests.quickCommands, signal: (SIGINT, after: 0.5))
        #expect(result.termination == .exited(130), "\(result.stderr.suffix(300))")
        let ran = result.stdout.components(separatedBy: "> list").count - 1
        #expect(ran > 0 && ran < 3000, "\(ran) of 3000 commands ran")
        #expect(
            result.stderr.contains("interrupted (Ctrl-C) after standard input, line \(ran) (list); the rest was not run"),
            "\(result.stderr)")
    }

    @Test func ctrlCStopsAScriptWith130AndSaysWhere() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = folder + "/many.zct"
        try SignalTests.quickCommands.write(toFile: script, atomically: true, encoding: .utf8)
        let result = try Zctour.run(["script", script], signal: (SIGINT, after: 0.5))
        #expect(result.termination == .exited(130), "\(result.stderr.suffix(300))")
        #expect(result.stderr.contains("interrupted (Ctrl-C) after \(script), line "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
    }

    /// A demo stopped half way says the line it was on.
    @Test func ctrlCDuringADemoNamesItsLine() throws {
        let input = "list\ncompare read-write mmap --size 256M --repeat 5\nlist\n"
        let result = try Zctour.run([], input: input, signal: (SIGINT, after: 1.5))
        #expect(result.termination == .exited(130), "\(result.stderr)")
        #expect(result.stderr.contains("interrupted at standard input, line 2: the demo stopped and its temporary files were removed"))
        #expect(result.stdout.components(separatedBy: "> list").count == 2, "the last list did not run")
    }

    /// A single command that never looks at the signal (lint of many files): Ctrl-C during it is
    /// still 130, as the command ends, not 0.
    @Test func ctrlCDuringACommandThatDoesNotStopIsStill130() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lesson = try String(contentsOfFile: Zctour.lessons + "/01-kernel-user-copies.md", encoding: .utf8)
        for number in 1...300 {
            let copy = lesson.replacingOccurrences(of: "id: kernel-user-copies", with: "id: copy-\(number)")
                .replacingOccurrences(of: "number: 1\n", with: "number: \(number)\n")
            try copy.write(toFile: folder + "/\(1000 + number)-copy.md", atomically: false, encoding: .utf8)
        }
        let result = try Zctour.run(["lint", folder], signal: (SIGINT, after: 0.3))
        #expect(result.termination == .exited(130), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("zctour: interrupted (Ctrl-C) as the command ended; temporary files removed\n"))
    }
}
