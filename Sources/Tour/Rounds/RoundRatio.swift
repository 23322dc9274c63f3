/// How one row compares with another over the same rounds: the ratio of their values in each
/// round (both runs of a round meet the same moment of the machine), summarised as the median
/// of those ratios and its range (`MedianRange`). The verdict is a difference only when the whole
/// range lies beyond a band of 5% around 1: a busy laptop's noise is about that size, and a
/// range that reaches into the band says the rounds do not agree on a direction.
public struct RoundRatio: Sendable, Equatable, Codable {
    public let range: MedianRange
    public let verdict: Verdict
    /// The range called a difference, but the rows' CPU time did not point the same way, so the
    /// difference came from waiting for a core rather than from the work (see `Comparison.speed`).
    public var overruledByCPU: RoundRatio.Overrule? = nil

    /// What the CPU time said instead.
    public struct Overrule: Sendable, Equatable, Codable {
        /// The wall-time verdict it overruled.
        public let verdict: Verdict
        /// The CPU-time ratio, oriented like the wall-time one (above 1: the row needed less CPU).
        public let cpu: MedianRange
    }

    enum CodingKeys: String, CodingKey {
        case range, verdict
        case overruledByCPU = "overruled_by_cpu"
    }

    public enum Verdict: String, Sendable, Codable {
        /// The whole range is above 1 + band.
        case higher
        /// The whole range is below 1 / (1 + band).
        case lower
        /// The range reaches the band, or there were too few rounds to say.
        case unclear
    }

    /// Differences within this share of 1 are not called differences.
    public static let band = 0.05
    /// Fewer rounds than this give no verdict at all, whatever their range.
    public static let fewestRounds = 3

    /// The per-round ratios `numerators[i] / denominators[i]`; nil when no round has both.
    public init?(_ numerators: [Double], over denominators: [Double]) {
        let ratios = zip(numerators, denominators).compactMap { a, b -> Double? in
            guard a.isFinite, b.isFinite, b > 0 else { return nil }
            return a / b
        }
        guard let range = MedianRange(ratios) else { return nil }
        self.init(range: range)
    }

    /// This ratio, no longer called a difference, because `cpu` does not bear it out.
    func overruled(by cpu: MedianRange) -> RoundRatio {
        var ratio = RoundRatio(range: range, verdict: .unclear)
        ratio.overruledByCPU = Overrule(verdict: verdict, cpu: cpu)
        return ratio
    }

    init(range: MedianRange, verdict: Verdict) {
        self.range = range
        self.verdict = verdict
    }

    init(range: MedianRange) {
        self.range = range
        if range.count < RoundRatio.fewestRounds {
            verdict = .unclear
        } else if range.low > 1 + RoundRatio.band {
            verdict = .higher
        } else if range.high < 1 / (1 + RoundRatio.band) {
            verdict = .lower
        } else {
            verdict = .unclear
        }
    }

    public var median: Double { range.median }
    public var isClear: Bool { verdict != .unclear }

    /// `1.62× (1.55–1.70)`, `25.3× (7.32–30.1)`.
    public var text: String {
        RoundRatio.plain(range.median) + "× (" + RoundRatio.plain(range.low) + "–" + RoundRatio.plain(range.high) + ")"
    }

    /// What a table cell says: the ratio with its range, or that there is no clear difference.
    public var cell: String { isClear ? text : "no clear difference" }

    /// A ratio without its ×: two decimals below 10 (`0.78`, `1.00`), three significant digits above.
    static func plain(_ value: Double) -> String {
        value >= 10 ? NumberFormat.decimal(value) : String(NumberFormat.ratio(value).dropLast())
    }
}
