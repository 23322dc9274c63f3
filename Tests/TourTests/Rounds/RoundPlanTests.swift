import Testing
import Tour

/// The round scheduler: the order of each round, and how many rounds a plan runs.
@Suite struct RoundPlanTests {
    @Test func roundsAlternateTheirOrder() {
        #expect(RoundPlan.order(round: 0, entries: 3) == [0, 1, 2])
        #expect(RoundPlan.order(round: 1, entries: 3) == [2, 1, 0])
        #expect(RoundPlan.order(round: 2, entries: 3) == [0, 1, 2])
        #expect(RoundPlan.order(round: 5, entries: 1) == [0])
    }

    /// Runs the plan as the runner does, with rounds that each take `perRound` nanoseconds.
    func rounds(_ plan: RoundPlan, perRound: Int, warmUp: Int = 0) -> Int {
        var completed = 0
        while plan.continues(after: completed, elapsed: warmUp + completed * perRound, rounds: completed * perRound) {
            completed += 1
            if completed > 1000 { break }
        }
        return completed
    }

    @Test func aFixedPlanRunsExactlyItsRounds() {
        #expect(rounds(RoundPlan.from(rounds: 3, atLeast: nil), perRound: 1_000_000_000) == 3)
        #expect(rounds(RoundPlan.from(rounds: 1, atLeast: 25), perRound: 1) == 1)
    }

    @Test func theDefaultRunsAtLeastFiveAndMoreWithinTheBudget() {
        let plan = RoundPlan.standard
        // Slow rounds: the minimum, whatever the budget says.
        #expect(rounds(plan, perRound: 1_000_000_000) == 5)
        // Quick rounds: up to the most, always an odd number.
        #expect(rounds(plan, perRound: 1_000_000) == 15)
        // 150 ms rounds: 5 take 0.75 s; 7 take 1.05 s, 9 1.35 s, 11 1.65 s, and 13 (1.95 s) still fit.
        #expect(rounds(plan, perRound: 150_000_000) == 13)
        // The warm-up counts against the budget too.
        #expect(rounds(plan, perRound: 150_000_000, warmUp: 600_000_000) == 9)
        for perRound in stride(from: 1_000_000, to: 600_000_000, by: 7_000_000) {
            #expect(rounds(plan, perRound: perRound) % 2 == 1)
        }
    }

    @Test func repeatAsksForAtLeastThatManyRounds() {
        #expect(rounds(RoundPlan.from(rounds: nil, atLeast: 3), perRound: 1_000_000_000) == 5)
        #expect(rounds(RoundPlan.from(rounds: nil, atLeast: 8), perRound: 1_000_000_000) == 9)
        #expect(rounds(RoundPlan.from(rounds: nil, atLeast: 21), perRound: 1) == 21)
    }
}
