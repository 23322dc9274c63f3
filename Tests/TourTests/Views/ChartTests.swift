import Foundation
import TestSupport
import Testing
import Tour

/// Charts fit the width they are given, use blocks only where a terminal can show them, and a
/// sweep's range parses into the doubling sizes it names.
@Suite struct ChartTests {
    func record(buffer: Int, syscalls: Int, nanoseconds: Int) throws -> RunRecord {
        var record = try JSONDecoder().decode(
            RunRecord.self, from: Data(contentsOf: Fixtures.file("sendfile-run.json")))
        record.demo = "read-write"
        record.label = "read-write@\(buffer)"
        record.buffer = buffer
        record.counters.syscr = syscalls / 2 + 1
        record.counters.syscw = syscalls / 2
        record.wallNanoseconds = nanoseconds
        record.counters.cpuNanoseconds = nanoseconds  // on a core all along: never preempted
        record.sink = "null"
        record.peer = nil
        return record
    }

    /// A sweep of 512 B to 4 MiB whose time falls and then flattens at 16 KiB.
    func sweepRecords() throws -> [RunRecord] {
        try (0..<14).map { step in
            let buffer = 512 << step
            return try record(buffer: buffer, syscalls: 2 * (64 << 20) / buffer, nanoseconds: 10_000_000 + 400_000_000 >> step)
        }
    }

    /// Rows of five rounds each, every round taking the record's time.
    func rounds(_ records: [RunRecord], limit: RunRecord? = nil) -> Comparison {
        func row(_ record: RunRecord) -> MeasuredRow { MeasuredRow(label: record.label, runs: Array(repeating: record, count: 5)) }
        return Comparison(rows: records.map(row), limit: limit.map(row), rounds: 5)
    }

    func sweep(limit: Bool = true) throws -> Comparison { rounds(try sweepRecords(), limit: limit ? try self.limit() : nil) }

    func limit() throws -> RunRecord {
        var limit = try record(buffer: 64 << 10, syscalls: 0, nanoseconds: 4_000_000)
        limit.label = "limit"
        limit.demo = "memcpy"
        return limit
    }

    @Test(arguments: [40, 120])
    func aSweepFitsTheWidthAndMarksTheKnee(width: Int) throws {
        for style in [Style(color: false, width: width, unicode: false), Style(color: true, width: width, unicode: true)] {
            let text = SweepView.render(try sweep(), style: style)
            for line in text.split(separator: "\n") {
                #expect(String(line).visibleWidth <= width, "\(line)")
            }
            #expect(text.contains("knee"))
            #expect(text.contains("throughput"))
            #expect(text.contains("syscalls (syscr + syscw)"))
        }
    }

    @Test func theKneeIsTheSmallestBufferWithin10PercentOfTheBest() throws {
        let text = SweepView.render(try sweep(limit: false), style: Style(color: false, width: 120, unicode: false))
        // Times are 10 ms plus 400 ms halved per doubling; the best (4 MiB) takes 10.05 ms, so
        // 90% of its throughput allows 11.17 ms: 256 KiB takes 10.78 ms, 128 KiB 11.56 ms.
        let kneeLine = try #require(text.split(separator: "\n").first { $0.contains("<- knee") })
        #expect(kneeLine.trimmingCharacters(in: .whitespaces).hasPrefix("256 KiB"))
        // The share in the sentence is the per-round one the "of best" column shows.
        #expect(flat(text).contains("knee: 256 KiB is the smallest buffer within 10% of the best, 4 MiB (93.2% of it, round by round)"))
        #expect(flat(text).contains("bigger buffers cut syscalls but barely"))
        #expect(!flat(text).contains("the rounds drifted"))
    }

    @Test func aBufferThatFallsBackBelowTheKneeIsNamed() throws {
        var records = try sweepRecords()
        records[records.count - 1].wallNanoseconds = 30_000_000  // 4 MiB: out of the caches
        let text = SweepView.render(rounds(records), style: Style(color: false, width: 200, unicode: false))
        #expect(flat(text).contains("the best, 2 MiB ("))
        #expect(flat(text).contains("; 4 MiB fell below that again"))
    }

    @Test(arguments: [40, 120])
    func aComparisonDrawsBarsThatFit(width: Int) throws {
        let records = [
            try record(buffer: 4096, syscalls: 32_769, nanoseconds: 40_000_000),
            try record(buffer: 1 << 20, syscalls: 129, nanoseconds: 10_000_000),
        ]
        let plain = CompareView.render(rounds(records, limit: try limit()), style: Style(color: false, width: width, unicode: true))
        let blocks = CompareView.render(rounds(records, limit: try limit()), style: Style(color: true, width: width, unicode: true))
        for text in [plain, blocks] {
            for line in text.split(separator: "\n") {
                #expect(String(line).visibleWidth <= width, "\(line)")
            }
            #expect(text.contains("limit (memcpy)"))
        }
        #expect(blocks.contains("█"))
        #expect(!plain.contains("█") && !plain.contains("▏"))
        #expect(plain.contains("#"))
    }

    /// A bar measured over rounds ends at its median, as its number does: solid to the low end
    /// of the range, medium to the median, light to the high end. It once stopped its solid
    /// part at the low end, and a row three times faster but noisier drew the shorter bar.
    @Test func aBarEndsAtItsMedianAndShowsItsRange() {
        var chart = BarChart(title: "t")
        chart.add("a", value: 50, text: "50", range: 40...60)
        chart.add("b", value: 100, text: "100", range: 100...100)
        chart.add("c", value: 90, text: "90", range: 10...95)
        let text = chart.render(style: Style(color: false, width: 40, unicode: false)) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "  t")
        #expect(lines.dropFirst().prefix { !$0.hasPrefix("  a ") }.joined(separator: " ").contains("the bar ends at the median"))
        let bars = lines.filter { $0.hasPrefix("  a ") || $0.hasPrefix("  b ") || $0.hasPrefix("  c ") }
        func count(_ line: String, _ mark: Character) -> Int { line.filter { $0 == mark }.count }
        // 40 columns: 2 indent, 1 label, 2 gap, 1 space, 3 value text leave 31 cells; 100 fills them.
        #expect(count(bars[0], "#") == 12 && count(bars[0], "=") == 4 && count(bars[0], "-") == 3, "\(bars[0])")  // 12.4, 15.5, 18.6
        #expect(count(bars[1], "#") == 31 && !bars[1].contains("-") && !bars[1].contains("="))
        // The noisy row's bar reaches its median (28 of 31 cells), far past a's, though its range starts lower.
        #expect(count(bars[2], "#") + count(bars[2], "=") == 28 && count(bars[2], "#") == 3, "\(bars[2])")
        #expect(lines.allSatisfy { $0.visibleWidth <= 40 }, "\(text)")
    }

    /// A range whose low end fills the bar area draws no light cell past it (it ran one column
    /// past the width at 60 columns: `limit (memcpy)` in lesson 2).
    @Test func aFullRangeStaysInsideTheWidth() {
        var chart = BarChart(title: "t")
        chart.add("a", value: 99.9, text: "16.2 GiB/s", range: 99.8...100)
        chart.add("b", value: 10, text: "1 GiB/s", range: 9...11)
        let text = chart.render(style: Style(color: false, width: 60, unicode: true)) ?? ""
        #expect(text.split(separator: "\n").allSatisfy { $0.visibleWidth <= 60 }, "\(text)")
    }

    @Test func barsAreProportionalAndASmallValueStillShows() {
        var chart = BarChart(title: "t")
        chart.add("big", value: 100, text: "100")
        chart.add("half", value: 50, text: "50")
        chart.add("tiny", value: 0.001, text: "0.001")
        let text = chart.render(style: Style(color: false, width: 40, unicode: false)) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        func hashes(_ line: String) -> Int { line.filter { $0 == "#" }.count }
        #expect(lines.count == 4)
        // 40 columns: 2 indent, 4 label, 2 gap, 1 space, 5 value text leave 26 cells of bar.
        #expect(hashes(lines[1]) == 26)
        #expect(hashes(lines[2]) == 13)
        #expect(lines[3].contains("|"))
        #expect(lines.allSatisfy { $0.visibleWidth <= 40 })
    }

    @Test func aSweepRangeDoubles() throws {
        #expect(try SweepCommand.buffers("512..4M").count == 14)
        #expect(try SweepCommand.buffers("512..4M").first == 512)
        #expect(try SweepCommand.buffers("512..4M").last == 4 << 20)
        #expect(try SweepCommand.buffers("3K..100K") == [3072, 6144, 12288, 24576, 49152, 98304])
        #expect(try SweepCommand.buffers("4K,64K,1M") == [4096, 65536, 1 << 20])
        #expect(try SweepCommand.buffers("1M,4K,64K,4K") == [4096, 65536, 1 << 20])
    }

    @Test(arguments: [
        ("4M..512", "the range must go up"),
        ("64Q..1M", "unknown suffix"),
        ("4K", "two buffer sizes or more"),
        ("4K,4K", "two buffer sizes or more"),
        ("1..1G", "more than 24 sizes"),
        ("0..4K", "at least 1 byte"),
    ])
    func aBadSweepRangeSaysWhatIsWrong(text: String, message: String) {
        do {
            _ = try SweepCommand.buffers(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    /// A sweep prints only the median share ("of best"): when the row's median round and the
    /// best's fell in different stretches of a machine that slowed (33% by the throughputs,
    /// 100% round by round), the note says so with both, though no range is on screen.
    @Test func aSweepWhoseSharesDisagreeWithItsThroughputsSaysSo() throws {
        let fast = try SyntheticRuns.row("read-write", Array(repeating: 10, count: 8) + Array(repeating: 30, count: 7))
        let slow = try SyntheticRuns.row("sendfile", Array(repeating: 10, count: 7) + Array(repeating: 30, count: 8))
        let text = flat(SweepView.render(Comparison(rows: [fast, slow], limit: nil, rounds: 15), style: Style(color: false, width: 200)))
        #expect(text.contains("the rounds drifted: sendfile's median round is 33.3% of read-write's, round by round 100%"), "\(text)")
    }
}
