import Foundation
import TestSupport
import Testing

/// Output people read, compared with a reviewed file in Tests/Fixtures. With
/// ZCTOUR_UPDATE_FIXTURES=1, or when the file is missing, the text is recorded instead and the
/// test fails all the same, as swift-argument-parser's `assertSnapshot` does: a recorded file
/// is right only once someone has read its diff, and a run that records must never pass by
/// comparing the text with what it has just written.
enum GoldenFile {
    static let updateVariable = "ZCTOUR_UPDATE_FIXTURES"

    static func check(_ text: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Fixtures.file(name)
        let actual = text + "\n"
        let recording = ProcessInfo.processInfo.environment[updateVariable] == "1"
        if recording || !FileManager.default.fileExists(atPath: url.path) {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record(
                "recorded Tests/Fixtures/\(name): review it (git diff Tests/Fixtures), then run the tests without \(updateVariable)",
                sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            actual == expected, "\(name) differs; rerun with \(updateVariable)=1 and review the diff", sourceLocation: sourceLocation)
    }
}
