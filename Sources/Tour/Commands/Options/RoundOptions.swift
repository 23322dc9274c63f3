import ArgumentParser

/// `--rounds`, shared by compare, sweep and choose: how many interleaved rounds their rows run.
public struct RoundOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: "Rounds to run every row in, alternating their order (default: at least 5, more while about 2 s allow).",
        completion: .list(["5", "9", "15", "25"]))
    var rounds: String?

    public init() {}

    /// The plan: exactly `--rounds N`, else at least `repeats` (`--repeat N`) and at least 5.
    func plan(atLeast repeats: Int?) throws(UsageError) -> RoundPlan {
        guard let rounds else { return RoundPlan.from(rounds: nil, atLeast: repeats) }
        // Fewer than three rounds have no spread to judge a ratio by: every verdict would be
        // "no clear difference", however large the ratio.
        guard let value = Int(rounds), value >= RoundPlan.fewestRounds, value <= RoundPlan.mostRounds else {
            throw UsageError(
                "--rounds '\(rounds)' must be a whole number from \(RoundPlan.fewestRounds) to \(RoundPlan.mostRounds) "
                    + "(a verdict needs the spread of several rounds), e.g. --rounds 15")
        }
        return RoundPlan.from(rounds: value, atLeast: repeats)
    }
}
