import Foundation
import TestSupport
import Testing
import Tour

/// `--width N` for a projector: what the tour prints fits N columns, whatever it is.
@Suite struct WidthTests {
    @Test(arguments: [50, 60, 80])
    func aRunViewFitsTheWidth(width: Int) throws {
        let url = Fixtures.file("sendfile-run.json")
        // Keys added to the schema since the fixture was written take their defaults.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        if object["direct"] == nil { object["direct"] = false }
        let record = try JSONDecoder().decode(RunRecord.self, from: JSONSerialization.data(withJSONObject: object))
        let text = RunView.render(record, style: Style(color: false, width: width))
        for line in text.split(separator: "\n") { #expect(line.count <= width, "\(line)") }
        #expect(text.contains("read-type (syscr)") && text.contains("throughput"))
    }

    @Test func codeLinesContinueMarkedInsteadOfRunningOff() {
        let line = "buf := make([]byte, 4<<10) // escapes to the heap: it is passed to an interface method"
        let text = MarkdownText.code([line, "\tshort"], language: "go", style: Style(color: false, width: 40))
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        #expect(lines.dropFirst().first?.hasPrefix("    ↪ ") == true)
        #expect(lines.last == "        short")
        // Nothing is lost: the pieces put back together are the line.
        let pieces = lines.dropLast().map { $0.dropFirst(4) }.map { $0.hasPrefix("↪ ") ? $0.dropFirst(2) : $0 }
        #expect(pieces.joined(separator: " ").replacingOccurrences(of: "  ", with: " ") == line)
    }

    @Test func aLongCommandFoldsWithShellContinuations() {
        let text = MarkdownText.command(
            "zctour compare read-write read-write-alloc --size 16M --buffer 1M --to null",
            style: Style(color: false, width: 50))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= 50 }, "\(lines)")
        #expect(lines[0].hasPrefix("$ zctour compare") && lines[0].hasSuffix(" \\"))
        #expect(MarkdownText.command("zctour run mmap", style: Style(color: false, width: 50)) == "$ zctour run mmap")
    }
}
