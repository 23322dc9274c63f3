import BenchSupport
import ZeroCopy

/// Goal: each Swift demo moves bytes at the speed of the same syscalls driven from C, within
/// 5%, into every sink, same machine, same run: the median per-round wall-time ratio (see
/// `SpeedRatio`) at most 1.05. A row that misses is measured for as many rounds again (up to
/// three times in all) before it counts as missed: more samples for the same estimator, never
/// a different one, and a passing row has passed on the median of all of its rounds.
struct ParityCheck {
    static let tolerance = 1.05

    let timing: TransferTiming
    let demos: [Demo]

    func run() -> [Goal] {
        var goals: [Goal] = []
        for demo in demos {
            guard demo.yardstick != nil else {
                let why = demo.library.map { "\($0)'s own code, measured as it ships: no C loop to hold it to" }
                goals.append(
                    Goal(
                        section: "Swift ÷ C", subject: demo.id, figure: "-",
                        detail: demo.withoutYardstick.map { "no C loop: \($0)" } ?? why
                            ?? "no C loop for this demo yet (Sources/CYardstick)",
                        met: nil))
                continue
            }
            let buffer = BenchmarkPlan.buffer(for: demo)
            for kind in SinkKind.allCases {
                let subject = "\(demo.id) → \(kind.rawValue)"
                if let reason = BenchmarkPlan.unsupported(.swift(demo), to: kind, in: timing.fixture)
                    ?? BenchmarkPlan.unsupported(.c(demo), to: kind, in: timing.fixture)
                {
                    goals.append(Goal(section: "Swift ÷ C", subject: subject, figure: "-", detail: "not run: \(reason)", met: nil))
                    continue
                }
                goals.append(compare(demo, buffer: buffer, to: kind, subject: subject))
            }
        }
        return goals
    }

    private func compare(_ demo: Demo, buffer: Int, to kind: SinkKind, subject: String) -> Goal {
        var swift: [Timing] = []
        var c: [Timing] = []
        do {
            for _ in 0..<3 {
                let times = try timing.times([(.swift(demo), buffer), (.c(demo), buffer)], to: kind)
                swift += times[0]
                c += times[1]
                if SpeedRatio(swift, c).wall <= ParityCheck.tolerance { break }
            }
        } catch {
            return Goal(section: "Swift ÷ C", subject: subject, figure: "-", detail: "failed: \(error)", met: false)
        }
        let speed = SpeedRatio(swift, c)
        let size = timing.sample.size
        let detail =
            "wall time, median of \(swift.count) rounds (thread CPU \(format(speed.cpu)), fastest runs \(format(speed.fastest)));"
            + " fastest Swift \(format(gibibytesPerSecond(size, speed.fastestWall[0]))) GiB/s, C \(format(gibibytesPerSecond(size, speed.fastestWall[1]))) GiB/s"
        return Goal(
            section: "Swift ÷ C", subject: subject, figure: format(speed.wall) + "×", detail: detail,
            met: speed.wall <= ParityCheck.tolerance)
    }
}
