import BenchSupport
import Probe
import Tour
import ZeroCopy

/// Goal: no demo but read-write-alloc allocates per chunk, so its malloc count in the window is
/// the same for a 1 MiB and a 64 MiB run (64 times the chunks). Counted by zctour's own
/// allocation counter for the demo's thread, as `zctour run` shows it; a socket receiver's
/// allocations are on its own thread and not in the count.
struct AllocationCheck {
    let fixture: Fixture
    let demos: [Demo]

    func run() -> [Goal] {
        var goals: [Goal] = []
        for demo in demos {
            for kind in SinkKind.allCases {
                let subject = "\(demo.id) → \(kind.rawValue)"
                if let reason = BenchmarkPlan.unsupported(.swift(demo), to: kind, in: fixture) {
                    goals.append(Goal(section: "mallocs", subject: subject, figure: "-", detail: "not run: \(reason)", met: nil))
                    continue
                }
                do {
                    let small = try allocations(demo, to: kind, size: BenchmarkPlan.smallSize)
                    let large = try allocations(demo, to: kind, size: BenchmarkPlan.size)
                    let figure = "\(small) → \(large)"
                    let sizes = "\(describe(bytes: BenchmarkPlan.smallSize)) → \(describe(bytes: BenchmarkPlan.size))"
                    if let library = demo.library {
                        goals.append(
                            Goal(
                                section: "mallocs", subject: subject, figure: figure,
                                detail: "\(sizes): \(library)'s own allocations, reported; not a goal for zctour's code", met: nil))
                    } else if demo == .readWriteAlloc {
                        goals.append(
                            Goal(
                                section: "mallocs", subject: subject, figure: figure,
                                detail: "\(sizes): one per chunk, as this demo means to show", met: large > small))
                    } else {
                        goals.append(
                            Goal(
                                section: "mallocs", subject: subject, figure: figure,
                                detail: "\(sizes): the same count whatever the size", met: small == large))
                    }
                } catch {
                    goals.append(Goal(section: "mallocs", subject: subject, figure: "-", detail: "failed: \(error)", met: false))
                }
            }
        }
        return goals
    }

    /// The demo's allocations in its window, after one unmeasured run of the same size.
    private func allocations(_ demo: Demo, to kind: SinkKind, size: Int) throws -> Int {
        let sample = try fixture.sample(size)
        let buffer = BenchmarkPlan.buffer(for: demo, size: size)
        try Contender.swift(demo).run(sample, to: kind, in: fixture, buffer: buffer, window: UnmeasuredWindow())
        let window = ProbeWindow()
        try Contender.swift(demo).run(sample, to: kind, in: fixture, buffer: buffer, window: window)
        return window.delta?.allocations ?? -1
    }
}
