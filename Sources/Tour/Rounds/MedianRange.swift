/// The median of some measurements and the range that holds the true median with about 95%
/// confidence: two order statistics, x(k) and x(n+1-k), with k the largest rank for which the
/// binomial tails stay within 2.5% each (a distribution-free interval, so one wild round cannot
/// drag it the way it drags a mean and its standard deviation). With 5 rounds that is the lowest
/// and the highest, with 9 all but one at each end, with 15 all but three: more rounds, a
/// narrower range, and a contaminated round or two falls outside it.
public struct MedianRange: Sendable, Equatable, Codable {
    public let median: Double
    public let low: Double
    public let high: Double
    public let count: Int

    /// Nil for no values.
    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let n = sorted.count
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        let k = MedianRange.boundRank(count: n)
        low = sorted[k - 1]
        high = sorted[n - k]
        count = n
    }

    init(median: Double, low: Double, high: Double, count: Int) {
        self.median = median
        self.low = low
        self.high = high
        self.count = count
    }

    /// The 1-based rank k of the bounds for `count` values: the largest k with
    /// P(Binomial(n, 1/2) < k) <= 2.5%, and at least 1 (min and max, for 5 values or fewer).
    static func boundRank(count n: Int) -> Int {
        var rank = 1
        var tail = 0.0  // P(X <= i)
        var term = MedianRange.probabilityOfNone(n)  // P(X = i)
        for i in 0..<n {
            tail += term
            guard tail <= 0.025, i + 1 <= (n + 1) / 2 else { break }
            rank = max(rank, i + 1)
            term *= Double(n - i) / Double(i + 1)
        }
        return rank
    }

    /// (1/2)^n, the chance that none of n rounds falls below the median.
    static func probabilityOfNone(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p /= 2 }
        return p
    }

    /// The larger distance from the median to either bound, as a share of the median: the `±`
    /// a table shows beside a row's time.
    public var relativeSpread: Double {
        guard median > 0 else { return 0 }
        return max(high - median, median - low) / median
    }

    /// This range with every value mapped through `transform` (which must keep their order, as
    /// 1/x reverses it: the bounds are swapped then).
    func mapped(_ transform: (Double) -> Double) -> MedianRange {
        let a = transform(low)
        let b = transform(high)
        return MedianRange(median: transform(median), low: min(a, b), high: max(a, b), count: count)
    }
}
