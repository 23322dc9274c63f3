import BenchSupport
import Glibc
import ZeroCopy

/// Goal: the zero-copy techniques into /dev/null at 64 MiB on a warm cache come as close to the
/// memcpy limit as the kernel allows. The fraction is memcpy's time over the technique's (1.00
/// is memcpy's speed; above 1 the kernel moved less than a copy's worth, as sendfile and splice
/// into /dev/null do, which copy nothing). What the kernel allows is what the same syscalls from
/// C reach, so the row is judged on Swift's fraction against C's, within the 5% of the parity
/// goal; the fraction itself is reported, not judged. Times are wall times, as the memcpy's is.
struct LimitCheck {
    /// The demos the goal names, by id, so main's splice and copy-file-range join once merged.
    static let named = ["mmap", "sendfile", "splice", "copy-file-range"]

    let timing: TransferTiming
    let demos: [Demo]

    func run() -> [Goal] {
        let size = timing.sample.size
        // The limit as the tour measures it (ZeroCopy's MemoryLimit), so the fractions here and
        // the `of limit` column of compare, sweep and choose mean the same thing.
        let copy: () throws -> Timing = {
            let window = ClockWindow()
            try MemoryLimit.copy(size: size, window: window).require()
            return Timing(wall: window.nanoseconds, cpu: window.cpuNanoseconds)
        }
        var goals: [Goal] = []
        for demo in demos where LimitCheck.named.contains(demo.id) {
            goals.append(limit(of: demo, copy: copy))
        }
        return goals
    }

    /// Into /dev/null, or where the demo refuses it (copy_file_range wants a regular file) into a
    /// file, the nearest sink it takes.
    private func limit(of demo: Demo, copy: @escaping () throws -> Timing) -> Goal {
        let buffer = BenchmarkPlan.buffer(for: demo)
        let contenders = Contender.all(for: demo)
        let takes = { (kind: SinkKind) in
            contenders.allSatisfy { BenchmarkPlan.unsupported($0, to: kind, in: timing.fixture) == nil }
        }
        guard let kind = [SinkKind.null, .file].first(where: takes) else {
            let reason = BenchmarkPlan.unsupported(.swift(demo), to: .null, in: timing.fixture) ?? "refused"
            return Goal(section: "÷ memcpy", subject: "\(demo.id) → null", figure: "-", detail: "not run: \(reason)", met: nil)
        }
        let subject = "\(demo.id) → \(kind.rawValue)"
        do {
            let runs =
                [copy]
                + contenders.map { contender in
                    {
                        let window = ClockWindow()
                        try contender.run(timing.sample, to: kind, in: timing.fixture, buffer: buffer, window: window)
                        return Timing(wall: window.nanoseconds, cpu: window.cpuNanoseconds)
                    }
                }
            let times = try timing.interleave(runs)
            // Per round, memcpy's time over the technique's; the median over the rounds.
            func fraction(_ index: Int) -> Double {
                Statistics.median(zip(times[0], times[index]).map { Double($0.wall) / Double(max($1.wall, 1)) })
            }
            let swiftFraction = fraction(1)
            guard times.count > 2 else {
                return Goal(
                    section: "÷ memcpy", subject: subject, figure: format(swiftFraction),
                    detail: "of memcpy's speed; no C loop to say what the kernel allows", met: nil)
            }
            let cFraction = fraction(2)
            let swiftOverC = SpeedRatio(times[1], times[2]).wall
            return Goal(
                section: "÷ memcpy", subject: subject, figure: format(swiftFraction),
                detail: "of memcpy's speed (C loop: \(format(cFraction)); Swift ÷ C in these rounds \(format(swiftOverC))×);"
                    + " medians of \(times[0].count) interleaved rounds",
                met: swiftOverC <= ParityCheck.tolerance)
        } catch {
            return Goal(section: "÷ memcpy", subject: subject, figure: "-", detail: "failed: \(error)", met: false)
        }
    }
}
