import Foundation
import TestSupport
import Testing
import Tour

/// Rendering from fixed records, compared with golden files in Tests/Fixtures, so that the
/// output people read is reviewed like code (GoldenFile: ZCTOUR_UPDATE_FIXTURES=1 records them
/// for review, and fails until they are).
@Suite struct RenderingTests {
    func fixtureRecord(_ name: String) throws -> RunRecord { try Self.fixtureRecord(name) }

    static func fixtureRecord(_ name: String) throws -> RunRecord {
        try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: Fixtures.file(name)))
    }

    /// Two rows for the comparison's golden files: the recorded sendfile run and a read-write
    /// made from it.
    static func comparisonRecords() throws -> [RunRecord] {
        let first = try fixtureRecord("sendfile-run.json")
        var second = first
        second.label = "read-write"
        second.demo = "read-write"
        second.counters.syscr = 1025
        second.counters.syscw = 1024
        second.wallNanoseconds = first.wallNanoseconds * 2
        return [second, first]
    }

    @Test func aRunRendersAsLabelledRows() throws {
        let record = try fixtureRecord("sendfile-run.json")
        try GoldenFile.check(RunView.render(record, style: Style(color: false, width: 100)), against: "sendfile-run.txt")
    }

    @Test func aComparisonFitsWideAndNarrowTerminals() throws {
        let records = try Self.comparisonRecords()
        try GoldenFile.check(CompareView.render(records, style: Style(color: false, width: 120)), against: "compare-120.txt")
        let narrow = CompareView.render(records, style: Style(color: false, width: 60))
        try GoldenFile.check(narrow, against: "compare-60.txt")
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
