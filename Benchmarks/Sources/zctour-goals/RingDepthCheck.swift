import BenchSupport
import ZeroCopy

/// Reported, not judged: what the ring's depth and its registrations are worth here, as wall-time
/// ratios over interleaved rounds (below 1 the first contender was faster), into /dev/null.
/// uring-read at depths 1, 8 and 64 against read-write, the same sample and buffer: the ring copies
/// every byte as the loop does, and its depth only changes how often the thread enters the kernel.
/// uring-fixed against uring-read at depth 8, from the page cache and with O_DIRECT: the same
/// calls and copies, minus the per-operation import (and, with O_DIRECT, pinning) of the buffer.
struct RingDepthCheck {
    static let depths = [1, 8, 64]
    static let buffer = 64 << 10
    static let section = "io_uring, reported"

    let timing: TransferTiming

    func run() -> [Goal] {
        let chunks = (timing.sample.size + RingDepthCheck.buffer - 1) / RingDepthCheck.buffer
        var goals: [Goal] = []
        do {
            let times = try timing.interleave(
                [timed(.readWrite, queue: 1)] + RingDepthCheck.depths.map { timed(.uringRead, queue: $0) })
            for (index, depth) in RingDepthCheck.depths.enumerated() {
                goals.append(
                    goal(
                        "uring-read@\(depth) ÷ read-write", SpeedRatio(times[index + 1], times[0]), rounds: times[0].count,
                        calls: "\((chunks + depth - 1) / depth) io_uring_enter calls against \(2 * chunks + 1) read/write calls"))
            }
        } catch {
            goals.append(
                Goal(section: RingDepthCheck.section, subject: "uring-read ÷ read-write", figure: "-", detail: "failed: \(error)", met: nil)
            )
        }
        for direct in [false, true] {
            let subject = "uring-fixed@8 ÷ uring-read@8" + (direct ? ", O_DIRECT" : "")
            do {
                let times = try timing.interleave([
                    timed(.uringFixed, queue: 8, direct: direct), timed(.uringRead, queue: 8, direct: direct),
                ])
                goals.append(
                    goal(subject, SpeedRatio(times[0], times[1]), rounds: times[0].count, calls: "the same \((chunks + 7) / 8) calls"))
            } catch {
                goals.append(Goal(section: RingDepthCheck.section, subject: subject, figure: "-", detail: "not run: \(error)", met: nil))
            }
        }
        return goals
    }

    private func goal(_ subject: String, _ ratio: SpeedRatio, rounds: Int, calls: String) -> Goal {
        Goal(
            section: RingDepthCheck.section, subject: subject + " → null", figure: format(ratio.wall) + "×",
            detail: "wall time, median of \(rounds) interleaved rounds (thread CPU \(format(ratio.cpu))); \(calls), "
                + "\(describe(bytes: RingDepthCheck.buffer)) chunks",
            met: nil)
    }

    private func timed(_ demo: Demo, queue: Int, direct: Bool = false) -> () throws -> Timing {
        {
            let window = ClockWindow()
            try Contender.swift(demo).run(
                timing.sample, to: .null, in: timing.fixture, buffer: RingDepthCheck.buffer, window: window, queue: queue,
                direct: direct)
            return Timing(wall: window.nanoseconds, cpu: window.cpuNanoseconds)
        }
    }
}
