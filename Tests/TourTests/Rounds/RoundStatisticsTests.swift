import Testing
import Tour

/// The statistics behind every verdict, on synthetic timings: the median's range, the per-round
/// ratios and the rule that calls a difference, and what a contaminated round does to them.
@Suite struct RoundStatisticsTests {
    @Test func fiveRoundsRangeFromTheLowestToTheHighest() throws {
        let range = try #require(MedianRange([5, 1, 4, 2, 3]))
        #expect(range.median == 3)
        #expect(range.low == 1 && range.high == 5)
        #expect(range.count == 5)
    }

    /// The ranks come from the binomial distribution: with 9 rounds the range drops one round at
    /// each end (coverage 96%), with 15 three (96.5%), never more than half.
    @Test func moreRoundsDropMoreAtEachEnd() throws {
        let nine = try #require(MedianRange((1...9).map(Double.init)))
        #expect(nine.low == 2 && nine.high == 8 && nine.median == 5)
        let fifteen = try #require(MedianRange((1...15).map(Double.init)))
        #expect(fifteen.low == 4 && fifteen.high == 12 && fifteen.median == 8)
        let two = try #require(MedianRange([1, 3]))
        #expect(two.median == 2 && two.low == 1 && two.high == 3)
        #expect(MedianRange([]) == nil)
        #expect(MedianRange([.nan]) == nil)
    }

    @Test func aRatioIsTheMedianOfThePerRoundRatios() throws {
        // Each round's ratio is 2 except one; the median ignores the odd one out.
        let ratio = try #require(RoundRatio([20, 20, 20, 20, 50], over: [10, 10, 10, 10, 10]))
        #expect(ratio.median == 2)
        #expect(ratio.range.low == 2 && ratio.range.high == 5)
        #expect(ratio.verdict == .higher)
        #expect(ratio.text == "2.00× (2.00–5.00)")
        #expect(ratio.cell == ratio.text)
    }

    @Test func aRangeThatReachesTheBandIsNoClearDifference() throws {
        let within = try #require(RoundRatio([104, 103, 106, 108, 110], over: [100, 100, 100, 100, 100]))
        #expect(within.verdict == .unclear)  // the lowest round, 1.03, is inside the 5% band
        #expect(within.cell == "no clear difference")
        let beyond = try #require(RoundRatio([106, 107, 108, 108, 110], over: [100, 100, 100, 100, 100]))
        #expect(beyond.verdict == .higher)
        let lower = try #require(RoundRatio([90, 91, 92, 93, 94], over: [100, 100, 100, 100, 100]))
        #expect(lower.verdict == .lower)
        let barelyLower = try #require(RoundRatio([90, 91, 92, 93, 96], over: [100, 100, 100, 100, 100]))
        #expect(barelyLower.verdict == .unclear)  // 0.96 is within 1 / 1.05 of 1
    }

    @Test func tooFewRoundsNeverGiveAVerdict() throws {
        let two = try #require(RoundRatio([300, 300], over: [100, 100]))
        #expect(two.verdict == .unclear)
    }

    /// A row preempted in one round of five: the median holds, but with five rounds the range
    /// is the lowest to the highest, so it takes in the bad round and the verdict is unclear;
    /// with nine rounds the range drops it and the difference is clear again.
    @Test func aContaminatedRoundBlursFiveRoundsButNotNine() throws {
        let base = try SyntheticRuns.row("read-write", [20, 20, 20, 20, 20])
        let contaminated = try SyntheticRuns.row("mmap", [10, 10, 10, 60, 10], cpus: [10, 10, 10, 10, 10])
        let five = try #require(Comparison.speed(contaminated, against: base))
        #expect(five.median == 2)
        #expect(five.verdict == .unclear)
        #expect(contaminated.noise.preemptedRounds == 1)
        #expect(contaminated.noise.worstWallOverCPU == 6)
        #expect(base.noise.marked == false)
        let longBase = try SyntheticRuns.row("read-write", Array(repeating: 20, count: 9))
        let longer = try SyntheticRuns.row("mmap", [10, 10, 10, 60, 10, 10, 10, 10, 10], cpus: Array(repeating: 10, count: 9))
        let nine = try #require(Comparison.speed(longer, against: longBase))
        #expect(nine.verdict == .higher)
        #expect(nine.range.low == 2 && nine.range.high == 2)
    }

    /// Both rows slowed alike in the same round: the per-round ratio does not move at all,
    /// which is why rows run interleaved instead of one after the other.
    @Test func noiseThatHitsARoundHitsBothRowsAndTheirRatioHolds() throws {
        let a = try SyntheticRuns.row("a", [10, 30, 10, 10, 25])
        let b = try SyntheticRuns.row("b", [20, 60, 20, 20, 50])
        let ratio = try #require(Comparison.speed(a, against: b))
        #expect(ratio.range.low == 2 && ratio.range.high == 2 && ratio.verdict == .higher)
    }

    @Test func theShownRoundIsTheMedianOneWithItsOwnCounters() throws {
        var runs = try [30, 10, 20, 50, 40].map { try SyntheticRuns.record("pread", wall: $0 * 1_000_000) }
        for index in runs.indices { runs[index].counters.minflt = 100 + index }
        let row = MeasuredRow(label: "pread", runs: runs)
        #expect(row.shownRound == 0)
        #expect(row.shown.wallNanoseconds == 30_000_000)
        #expect(row.shown.counters.minflt == 100)
        #expect(row.shown.wallNanosecondsAll == [30, 10, 20, 50, 40].map { $0 * 1_000_000 })
        #expect(row.varied["minflt"] == 100...104)
        #expect(row.varied["syscr"] == nil)
        #expect(row.shown.varied?["minflt"] == [100, 104])
        #expect(row.shown.rounds == 5)
    }
}

/// Between rows that only compute, a difference in time must show in their CPU time too.
@Suite struct CPUAgreementTests {
    /// The allocating loop "faster" in every round only because the reusing loop waited for a
    /// core each time: its CPU time is the same, so there is no clear difference.
    @Test func aDifferenceInTimeAloneIsOverruledByCPUTime() throws {
        let reusing = try SyntheticRuns.row("read-write", [80, 82, 79, 85, 81], cpus: [20, 20, 20, 20, 20])
        let allocating = try SyntheticRuns.row("read-write-alloc", [70, 71, 69, 72, 70], cpus: [20, 21, 20, 20, 20])
        let speed = try #require(Comparison.speed(allocating, against: reusing))
        #expect(speed.range.low > 1.05)  // by time alone, a clear difference
        #expect(speed.verdict == .unclear)
        #expect(speed.overruledByCPU?.verdict == .higher)
        let text = CompareView.render(
            Comparison(rows: [reusing, allocating], limit: nil, rounds: 5), style: Style(color: false, width: 140))
        #expect(flat(text).contains("no clear difference where time and CPU time disagree: read-write-alloc took 1.15× (1.14–1.18)"))
        #expect(flat(text).contains("the difference in time came from waiting for a core"))
    }

    @Test func aDifferenceInTimeAndCPUTimeStands() throws {
        let slow = try SyntheticRuns.row("pread", [40, 41, 40, 42, 40])
        let fast = try SyntheticRuns.row("mmap", [10, 10, 11, 10, 10])
        let speed = try #require(Comparison.speed(fast, against: slow))
        #expect(speed.verdict == .higher && speed.overruledByCPU == nil)
    }

    /// Into a socket both rows wait for the receiver: their time is not their CPU's, and stands on its own.
    @Test func rowsThatWaitAreJudgedByTimeAlone() throws {
        let loop = try SyntheticRuns.row("read-write", [30, 30, 30, 30, 30], cpus: [4, 4, 4, 4, 4], sink: "socket")
        let sendfile = try SyntheticRuns.row("sendfile", [20, 20, 20, 20, 20], cpus: [4, 4, 4, 4, 4], sink: "socket")
        let speed = try #require(Comparison.speed(sendfile, against: loop))
        #expect(speed.verdict == .higher && speed.overruledByCPU == nil)
    }
}
