import BenchSupport
import ZeroCopy

/// One measured run: wall time, and the CPU time of the thread that made the syscalls; for a
/// program under `zctour inspect`, `wall` is its time under the tracer and `endToEnd` zctour's
/// spawn to exit.
struct Timing {
    let wall: Int
    let cpu: Int
    var endToEnd = 0

    init(wall: Int, cpu: Int, endToEnd: Int = 0) {
        self.wall = wall
        self.cpu = cpu
        self.endToEnd = endToEnd
    }
}

/// Times contenders against each other on one sample and sink, interleaved: round after round,
/// each contender runs once, in alternating order, so that whatever else the machine is doing
/// falls on all of them alike. Each contender runs once unmeasured first (warm cache, warm code).
struct TransferTiming {
    let fixture: Fixture
    let sample: SampleFile
    let rounds: Int

    /// Every run's timing, per contender.
    func times(_ contenders: [(Contender, Int)], to kind: SinkKind) throws -> [[Timing]] {
        try interleave(
            contenders.map { contender, buffer in
                {
                    let window = ClockWindow()
                    try contender.run(sample, to: kind, in: fixture, buffer: buffer, window: window)
                    return Timing(wall: window.nanoseconds, cpu: window.cpuNanoseconds)
                }
            })
    }

    /// Runs each of `runs` once to warm up, then `rounds` times in alternating order; every
    /// measured timing, per run.
    func interleave(_ runs: [() throws -> Timing]) throws -> [[Timing]] {
        for run in runs { _ = try run() }
        var times = Array(repeating: [Timing](), count: runs.count)
        for round in 0..<rounds {
            let order = round % 2 == 0 ? Array(runs.indices) : runs.indices.reversed()
            for index in order { times[index].append(try runs[index]()) }
        }
        return times
    }
}

/// The ratio the speed goals are judged on: the median, over the rounds, of one contender's wall
/// time over the other's in the same round. The two runs of a round are back to back, so the
/// machine's noise of the moment falls on both, and the median drops the rounds where it did
/// not. Also kept: the same median for the working thread's CPU time (which waiting for a core
/// does not inflate) and the ratio of the fastest runs, both shown, neither judged.
struct SpeedRatio {
    let wall: Double
    let cpu: Double
    let fastest: Double
    let fastestWall: [Int]

    init(_ first: [Timing], _ second: [Timing]) {
        wall = Statistics.median(zip(first, second).map { Double($0.wall) / Double(max($1.wall, 1)) })
        cpu = Statistics.median(zip(first, second).map { Double($0.cpu) / Double(max($1.cpu, 1)) })
        let a = first.map(\.wall).min() ?? 0
        let b = second.map(\.wall).min() ?? 0
        fastest = Double(a) / Double(max(b, 1))
        fastestWall = [a, b]
    }
}

/// GiB/s for `bytes` moved in `nanoseconds`.
func gibibytesPerSecond(_ bytes: Int, _ nanoseconds: Int) -> Double {
    Double(bytes) / Double(1 << 30) / (Double(max(nanoseconds, 1)) / 1e9)
}
