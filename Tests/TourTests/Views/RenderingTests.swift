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

    /// Two rows for the comparison's golden files, five rounds each: the recorded sendfile run,
    /// steady but preempted in its fourth round, and a read-write made from it.
    static func comparison() throws -> Comparison {
        let first = try fixtureRecord("sendfile-run.json")
        var second = first
        second.label = "read-write"
        second.demo = "read-write"
        second.counters.syscr = 1025
        second.counters.syscw = 1024
        second.wallNanoseconds = first.wallNanoseconds * 2
        second.counters.cpuNanoseconds = 4_200_000  // with the receiver's 3.9 ms, on a core all along
        var preempted = first
        preempted.wallNanoseconds = first.wallNanoseconds * 3
        return Comparison(
            rows: [
                MeasuredRow(label: second.label, runs: Array(repeating: second, count: 5)),
                MeasuredRow(label: first.label, runs: [first, first, first, preempted, first]),
            ], limit: nil, rounds: 5)
    }

    @Test func aRunRendersAsLabelledRows() throws {
        let record = try fixtureRecord("sendfile-run.json")
        try GoldenFile.check(RunView.render(record, style: Style(color: false, width: 100)), against: "sendfile-run.txt")
    }

    @Test func aComparisonFitsWideAndNarrowTerminals() throws {
        let comparison = try Self.comparison()
        try GoldenFile.check(CompareView.render(comparison, style: Style(color: false, width: 120)), against: "compare-120.txt")
        let narrow = CompareView.render(comparison, style: Style(color: false, width: 60))
        try GoldenFile.check(narrow, against: "compare-60.txt")
        for line in narrow.split(separator: "\n") {
            #expect(line.count <= 60, "\(line)")
        }
    }

    /// `choose` into a file has the file's rows and network → file's, whose source is a socket:
    /// one line names each group once.
    @Test func rowsThatMovedBytesTheSameWayShareALine() throws {
        let file = try fixtureRecord("sendfile-run.json")
        var other = file
        other.label = "splice"
        var received = file
        received.label = "recv-loop"
        received.source = "socket"
        func comparison(_ records: [RunRecord]) -> Comparison {
            Comparison(rows: records.map { MeasuredRow(label: $0.label, runs: [$0]) }, limit: nil, rounds: 1)
        }
        let text = CompareView.render(comparison([file, other, received]), style: Style(color: false, width: 200))
        #expect(text.contains("rows: sendfile, splice: 8 MiB file (warm cache) → "), "\(text)")
        #expect(text.contains("; recv-loop: 8 MiB from a TCP socket (127.0.0.1) → "), "\(text)")
        #expect(
            CompareView.render(comparison([file, other]), style: Style(color: false, width: 200)).contains("every file row: 8 MiB file"))
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
