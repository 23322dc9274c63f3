/// How many rounds a comparison runs, and in which order each round runs its rows. Every row
/// (the limit row included) runs once unmeasured first; then round after round each row runs
/// once, in alternating order (A B C, then C B A, …), so that a slow stretch of the machine
/// falls on every row alike and no row always runs right after the same neighbour. This is what
/// `zctour-goals` does for the benchmarks.
public struct RoundPlan: Sendable, Equatable {
    public enum Count: Sendable, Equatable {
        /// Exactly this many rounds (`--rounds N`).
        case fixed(Int)
        /// At least `minimum`, then two more at a time while they fit the time budget, up to `maximum`;
        /// always an odd number, so the median round is one real round.
        case automatic(minimum: Int, maximum: Int)
    }

    public let count: Count

    /// Enough rounds to say something: with 5, the range of a ratio is its lowest and highest round.
    public static let defaultMinimum = 5
    /// Enough to drop three rounds at each end of a range (see `MedianRange`).
    public static let defaultMaximum = 15
    /// What `--rounds` accepts: from three rounds, the fewest that give a ratio a range.
    public static let fewestRounds = 3
    public static let mostRounds = 101
    /// The time an automatic plan may take at the prompt, warm-up included, before it stops
    /// adding rounds (the minimum always runs).
    public static let budgetNanoseconds = 2_000_000_000

    public init(_ count: Count) { self.count = count }

    /// The plan for `--rounds` (exact) or `--repeat` (at least that many), else the default.
    public static func from(rounds: Int?, atLeast repeats: Int?) -> RoundPlan {
        if let rounds { return RoundPlan(.fixed(rounds)) }
        var minimum = max(defaultMinimum, repeats ?? 0)
        if minimum % 2 == 0 { minimum += 1 }
        return RoundPlan(.automatic(minimum: minimum, maximum: max(defaultMaximum, minimum)))
    }

    public static let standard = RoundPlan.from(rounds: nil, atLeast: nil)

    /// The order of `entries` rows in round `round` (from 0): forward, then backward, alternately.
    public static func order(round: Int, entries: Int) -> [Int] {
        round % 2 == 0 ? Array(0..<entries) : Array((0..<entries).reversed())
    }

    /// Whether to run another round after `completed` rounds, `elapsed` nanoseconds into the
    /// comparison (warm-up included), of which the rounds took `rounds`.
    public func continues(after completed: Int, elapsed: Int, rounds: Int) -> Bool {
        switch count {
        case .fixed(let wanted):
            return completed < wanted
        case .automatic(let minimum, let maximum):
            if completed < minimum { return true }
            if completed >= maximum { return false }
            if completed % 2 == 0 { return true }  // the second of a pair already begun
            let perRound = rounds / max(completed, 1)
            return elapsed + 2 * perRound <= RoundPlan.budgetNanoseconds
        }
    }

    /// The `--rounds` to advise after a comparison of `rounds` rounds left its answer unclear:
    /// the automatic plan's most, or, when that many already ran, twice as many and one (odd).
    public static func more(than rounds: Int) -> Int { rounds < defaultMaximum ? defaultMaximum : 2 * rounds + 1 }

    /// The least number of rounds this plan runs.
    public var minimum: Int {
        switch count {
        case .fixed(let wanted): wanted
        case .automatic(let minimum, _): minimum
        }
    }
}
