import Foundation
import Testing
import Tour

/// Rendering from fixed records, compared with golden files in Tests/Fixtures, so that the
/// output people read is reviewed like code. ZCTOUR_UPDATE_FIXTURES=1 rewrites them.
@Suite struct RenderingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    func fixtureRecord(_ name: String) throws -> RunRecord {
        try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
    }

    func golden(_ name: String, _ text: String) throws {
        let url = Self.fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ZCTOUR_UPDATE_FIXTURES"] == "1" {
            try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text + "\n" == expected, "\(name) differs; rerun with ZCTOUR_UPDATE_FIXTURES=1 and review the diff")
    }

    @Test func aRunRendersAsLabelledRows() throws {
        let record = try fixtureRecord("sendfile-run.json")
        try golden("sendfile-run.txt", RunView.render(record, style: Style(color: false, width: 100)))
    }

    @Test func aComparisonFitsWideAndNarrowTerminals() throws {
        let first = try fixtureRecord("sendfile-run.json")
        var second = first
        second.label = "read-write"
        second.demo = "read-write"
        second.counters.syscr = 1025
        second.counters.syscw = 1024
        second.wallNanoseconds = first.wallNanoseconds * 2
        let records = [second, first]
        try golden("compare-120.txt", CompareView.render(records, style: Style(color: false, width: 120)))
        let narrow = CompareView.render(records, style: Style(color: false, width: 60))
        try golden("compare-60.txt", narrow)
        for line in narrow.split(separator: "\n") {
            #expect(line.count <= 60, "\(line)")
        }
    }

    @Test func withoutColourThereAreNoEscapes() throws {
        let text = RunView.render(try fixtureRecord("sendfile-run.json"), style: Style(color: false, width: 80))
        #expect(!text.contains("\u{1B}"))
        let coloured = RunView.render(try fixtureRecord("sendfile-run.json"), style: Style(color: true, width: 80))
        #expect(coloured.contains("\u{1B}[1m"))
    }

    @Test func theJSONOfARunHasTheDocumentedFields() throws {
        let record = try fixtureRecord("sendfile-run.json")
        let data = try JSONEncoder().encode(record)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["demo", "size", "buffer", "sink", "bytes", "verified", "wall_ns", "counters", "allocations", "calls", "repeat"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let counters = try #require(object["counters"] as? [String: Any])
        for key in [
            "syscr", "syscw", "rchar", "wchar", "read_bytes", "write_bytes", "minflt", "majflt",
            "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches", "utime_ns", "stime_ns",
        ] {
            #expect(counters[key] != nil, "missing counters.\(key)")
        }
    }
}
