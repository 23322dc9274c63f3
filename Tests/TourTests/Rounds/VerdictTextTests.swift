import Testing
import Tour

/// Every sentence about speed is true of the numbers above it: the explanations come from what
/// the technique does, and a decision line never recommends against its own measurement
/// without saying so.
@Suite struct VerdictTextTests {
    func limit(_ walls: [Double], cpus: [Double]? = nil) throws -> MeasuredRow {
        var row = try SyntheticRuns.row("memcpy", walls, cpus: cpus)
        row = MeasuredRow(
            label: "limit",
            runs: row.runs.map { run in
                var run = run
                run.label = "limit"
                run.sink = "memory"
                return run
            })
        return row
    }

    /// sendfile into /dev/null moves nothing, so above the limit is its nature; a copying demo
    /// above the limit gets the real reason.
    @Test func aboveTheLimitIsExplainedByTheTechniqueNotTheRatio() throws {
        let loop = try SyntheticRuns.row("read-write", [10, 10, 10, 10, 10])
        let sendfile = try SyntheticRuns.row("sendfile", [2, 2, 2, 2, 2])
        let quiet = Comparison(rows: [loop, sendfile], limit: try limit([4, 4, 4, 4, 4]), rounds: 5)
        let text = CompareView.render(quiet, style: Style(color: false, width: 160))
        #expect(flat(text).contains("sendfile above 100% because nothing was moved"))
        #expect(!flat(text).contains("read-write above 100%"))

        // The case: the limit row on a core for a quarter of its wall time, the copying
        // row above it by time but not by CPU time per byte.
        let copying = try SyntheticRuns.row("mmap-copy", [3, 3, 3, 3, 3])
        let slowedLimit = try limit([8, 8, 8, 8, 8], cpus: [2, 2, 2, 2, 2])
        let slowed = CompareView.render(
            Comparison(rows: [loop, copying], limit: slowedLimit, rounds: 5), style: Style(color: false, width: 160))
        #expect(
            flat(slowed).contains(
                "mmap-copy above 100% by time only: by CPU time it is at 66.7% of the limit, "
                    + "so the limit row waited for a core longer (preempted in 5 of 5 rounds, wall up to 4× its CPU time)"))
        #expect(!flat(slowed).contains("nothing was moved"))

        // Above the limit by CPU time too: a mapping read in place into /dev/null copies nothing,
        // a copying row does not have that reason and is told to measure again.
        let quietLimit = try limit([4, 4, 4, 4, 4])
        let mapped = CompareView.render(
            Comparison(rows: [loop, try SyntheticRuns.row("mmap", [3, 3, 3, 3, 3])], limit: quietLimit, rounds: 5),
            style: Style(color: false, width: 160))
        #expect(flat(mapped).contains("mmap above 100% in every round's range because it reads the bytes where they are and copies none"))
        // The same mapping with rounds on both sides of the limit: noise, whatever it does.
        let blurred = CompareView.render(
            Comparison(
                rows: [loop, try SyntheticRuns.row("mmap", [3, 5, 3, 5, 3.5], cpus: [3, 3, 3, 3, 3])], limit: quietLimit, rounds: 5),
            style: Style(color: false, width: 160))
        #expect(flat(blurred).contains("mmap above 100% within noise"))
        #expect(!flat(blurred).contains("reads the bytes where they are"))
        let copied = CompareView.render(
            Comparison(rows: [loop, copying], limit: quietLimit, rounds: 5), style: Style(color: false, width: 160))
        #expect(flat(copied).contains("mmap-copy above 100% by CPU time too, though it copies every byte"))
        #expect(!flat(copied).contains("reads the bytes where they are"))
    }

    @Test func aRunIntoDevNullThatMovesNothingSaysSo() throws {
        let record = try SyntheticRuns.record("sendfile", wall: 1_000_000)
        let text = RunView.render(record, style: Style(color: false, width: 100))
        #expect(flat(text).contains("sendfile into /dev/null moves nothing"))
        let real = RunView.render(
            try SyntheticRuns.record("sendfile", wall: 1_000_000, sink: "socket"), style: Style(color: false, width: 100))
        #expect(!flat(real).contains("moves nothing"))
        let loop = RunView.render(try SyntheticRuns.record("read-write", wall: 1_000_000), style: Style(color: false, width: 100))
        #expect(!flat(loop).contains("moves nothing"))
    }

    func choose(loop: [Double], range: [Double], alloc: [Double]? = nil) throws -> Comparison {
        var rows = [try SyntheticRuns.row("read-write", loop, sink: "file"), try SyntheticRuns.row("copy-file-range", range, sink: "file")]
        if let alloc { rows.append(try SyntheticRuns.row("read-write-alloc", alloc, sink: "file")) }
        return Comparison(rows: rows, limit: nil, rounds: loop.count)
    }

    @Test func aDecisionThatTheRunBearsOutSaysItAgrees() throws {
        let decisions = DecisionRow.table(try choose(loop: [10, 10, 10, 10, 10], range: [5, 5, 5, 5, 5]))
        let line = try #require(decisions.first { $0.use == "copy_file_range" })
        #expect(line.verdict == "agrees")
        #expect(line.measured.hasPrefix("this run agrees: 2.00× (2.00–2.00) the read-write loop's throughput"))
        #expect(line.why == nil)
    }

    /// The receiving line has a verdict like the others (a clear 0.42× once stood there without one).
    @Test func theReceivingLineSaysItsVerdict() throws {
        let rows = [
            try SyntheticRuns.row("read-write", [10, 10, 10, 10, 10], sink: "file"),
            try SyntheticRuns.row("recv-loop", [10, 10, 10, 10, 10], sink: "file"),
            try SyntheticRuns.row("recv-splice", [24, 24, 24, 24, 24], sink: "file"),
        ]
        let decisions = DecisionRow.table(Comparison(rows: rows, limit: nil, rounds: 5))
        let line = try #require(decisions.first { $0.use == "splice socket → pipe → file" })
        #expect(line.verdict == "contradicts")
        #expect(line.measured.hasPrefix("this run goes against it: 0.42× (0.42–0.42) the receiving loop's throughput"), "\(line.measured)")
    }

    /// The case: copy_file_range at 0.78× the loop it replaces.
    @Test func aDecisionTheRunContradictsSaysSoAndWhy() throws {
        let decisions = DecisionRow.table(try choose(loop: [10, 10, 10, 10, 10], range: [12.8, 12.8, 12.8, 12.8, 12.8]))
        let line = try #require(decisions.first { $0.use == "copy_file_range" })
        #expect(line.verdict == "contradicts")
        #expect(line.measured.hasPrefix("this run goes against it: 0.78× (0.78–0.78) the read-write loop's throughput"))
        #expect(line.why?.contains("64 KiB buffer that stays in the CPU's cache") == true)
        let text = DecisionRow.render(decisions, style: Style(color: false, width: 100))
        #expect(flat(text).contains("why that can happen:"))
    }

    /// The other case: "reuse the buffer" next to an allocating loop at 1.71× the
    /// reusing one's throughput, with the reusing loop preempted.
    @Test func anUnclearDecisionBlamesTheNoiseItSaw() throws {
        let comparison = Comparison(
            rows: [
                try SyntheticRuns.row("read-write", [87, 30, 30, 86, 30], cpus: [25, 30, 30, 25, 30], sink: "file"),
                try SyntheticRuns.row("read-write-alloc", [51, 31, 29, 50, 31], sink: "file"),
            ], limit: nil, rounds: 5)
        let decisions = DecisionRow.table(comparison)
        let line = try #require(decisions.first { $0.use.hasPrefix("reuse the buffer") })
        #expect(line.verdict == "no clear difference")
        #expect(line.measured.hasPrefix("this run shows no clear difference from the allocating loop"))
        #expect(line.why?.contains("read-write was preempted in some rounds") == true)
    }

    /// A note keyed to a measurement (a fresh buffer's faults) calls its row slower only where
    /// the rounds' verdict does: a median round that happened to be slower is not enough.
    @Test func aNoteCallsARowSlowerOnlyWhereTheVerdictDoes() throws {
        func loop(_ label: String, _ buffer: Int, _ walls: [Double], minflt: Int) throws -> MeasuredRow {
            let runs = try walls.map { wall in
                var run = try SyntheticRuns.record("read-write", wall: Int(wall * 1e6))
                run.label = label
                run.buffer = buffer
                run.counters.minflt = minflt
                return run
            }
            return MeasuredRow(label: runs[0].label, runs: runs)
        }
        let small = try loop("read-write@64K", 64 << 10, [10, 10, 10, 10, 10], minflt: 0)
        func note(_ walls: [Double]) throws -> String {
            let big = try loop("read-write@1M", 1 << 20, walls, minflt: 257)
            let text = flat(
                CompareView.render(Comparison(rows: [small, big], limit: nil, rounds: 5), style: Style(color: false, width: 400)))
            #expect(text.contains("read-write@1M: 257 page faults"), "\(text)")
            return text
        }
        #expect(try note([12, 12, 12, 12, 12]).contains("those faults are part of why it was slower than read-write@64K"))
        // Its median round was slower (11 ms against 10), but the rounds reach both sides of 1.
        let unclear = try note([12, 9, 12, 9, 11])
        #expect(unclear.contains("no clear difference"))
        #expect(!unclear.contains("why it was slower"))
    }

    /// A reader divides the table's throughputs: when the machine slowed part way, the loop's
    /// median round and the limit's median round fall in different stretches (here 3 ms against
    /// 10 ms: 30%) while every round but one says 10%. The note says so with both numbers;
    /// a steady machine gets no such note.
    @Test func aTableWhoseMedianRoundsDisagreeWithItsRatiosSaysSo() throws {
        let loop = try SyntheticRuns.row("read-write", Array(repeating: 10, count: 8) + Array(repeating: 30, count: 7))
        let drifted = try limit(Array(repeating: 1, count: 7) + Array(repeating: 3, count: 8))
        let text = flat(
            CompareView.render(Comparison(rows: [loop], limit: drifted, rounds: 15), style: Style(color: false, width: 200)))
        #expect(text.contains("the rounds drifted: read-write's median round is 30% of limit's, round by round 10% (10%–10%)."), "\(text)")
        let steady = flat(
            CompareView.render(
                Comparison(rows: [loop], limit: try limit(Array(repeating: 1, count: 8) + Array(repeating: 3, count: 7)), rounds: 15),
                style: Style(color: false, width: 200)))
        #expect(!steady.contains("the rounds drifted"), "\(steady)")
    }
}
