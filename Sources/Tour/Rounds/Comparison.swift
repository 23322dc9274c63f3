/// Rows measured in the same interleaved rounds (see `RoundPlan`), and the memcpy limit among
/// them when there is one, with the ratios that compare them round by round.
public struct Comparison: Sendable {
    public let rows: [MeasuredRow]
    public let limit: MeasuredRow?
    public let rounds: Int

    public init(rows: [MeasuredRow], limit: MeasuredRow?, rounds: Int) {
        self.rows = rows
        self.limit = limit
        self.rounds = rounds
    }

    /// The shown record of every row, in order.
    public var records: [RunRecord] { rows.map(\.shown) }

    public func row(_ demo: String) -> MeasuredRow? { rows.first { $0.shown.demo == demo } }

    /// `row`'s throughput over `baseline`'s, round by round: above 1, `row` moved bytes faster.
    /// Between two rows that only compute (no receiver, no storage to wait for), a difference
    /// in time is called only if their CPU time points the same way: a row that waited for a
    /// core in every round can look slower without doing more work, and its CPU time, which
    /// waiting does not add to, says so.
    public static func speed(_ row: MeasuredRow, against baseline: MeasuredRow) -> RoundRatio? {
        guard let wall = RoundRatio(row.rates, over: baseline.rates) else { return nil }
        guard wall.isClear, !row.waits, !baseline.waits else { return wall }
        // Per byte, as the rates are: baseline's CPU time per byte over row's (above 1: row needed less).
        let perByte = { (r: MeasuredRow) in r.runs.map { Double($0.counters.cpuNanoseconds) / Double(max($0.bytes, 1)) } }
        guard let work = RoundRatio(perByte(baseline), over: perByte(row)) else { return wall }
        return work.verdict == wall.verdict ? wall : wall.overruled(by: work.range)
    }

    /// `row`'s CPU time over `baseline`'s, round by round: below 1, `row` needed less CPU.
    public static func cpu(_ row: MeasuredRow, against baseline: MeasuredRow) -> RoundRatio? {
        RoundRatio(row.cpuTimes, over: baseline.cpuTimes)
    }

    /// `row`'s throughput as a share of the limit's, round by round.
    public func ofLimit(_ row: MeasuredRow) -> RoundRatio? {
        guard let limit else { return nil }
        return RoundRatio(row.rates, over: limit.rates)
    }

    /// Rows with preempted rounds, the limit included.
    public var noisy: [MeasuredRow] { (rows + (limit.map { [$0] } ?? [])).filter(\.noise.marked) }
}
