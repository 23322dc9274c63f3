import Glibc
import Probe
import Syscalls
import ZeroCopy

/// How much noise the machine puts into timings now: the load average against the CPUs, and a
/// short fixed workload (the limit row's memcpy, 16 MiB) timed several times over, each run's
/// wall time held against its CPU time as the comparisons do (`Preemption`). Counts are never
/// affected; times, and so the verdicts of compare, sweep and choose, are.
public struct NoiseCheck: Sendable, Equatable {
    /// The 1-minute load average, when /proc/loadavg could be read.
    public let load: Double?
    public let cpus: Int
    /// Each run's wall and CPU time.
    public let runs: [(wall: Int, cpu: Int)]
    /// The CPU that was idlest while the workload ran, for `taskset`.
    public let quietestCPU: Int?

    public init(load: Double?, cpus: Int, runs: [(wall: Int, cpu: Int)], quietestCPU: Int? = nil) {
        self.load = load
        self.cpus = cpus
        self.runs = runs
        self.quietestCPU = quietestCPU
    }

    public static func == (a: NoiseCheck, b: NoiseCheck) -> Bool {
        a.load == b.load && a.cpus == b.cpus && a.quietestCPU == b.quietestCPU
            && a.runs.map(\.wall) == b.runs.map(\.wall) && a.runs.map(\.cpu) == b.runs.map(\.cpu)
    }

    public static let size = 16 << 20
    public static let count = 15
    /// The spread (see `MedianRange.relativeSpread`) above which timings are called noisy.
    public static let noisySpread = 0.10
    /// Preempted runs (of 15) from which timings are called noisy.
    public static let noisyPreemptions = 2

    /// Times the workload here, now.
    public static func measure(procRoot: String = Probe.defaultProcRoot) -> NoiseCheck {
        let source = MemoryLimit.Source(size: size)
        let before = cpuIdle(procRoot)
        _ = try? source.copy(size: size, window: UnmeasuredWindow())
        var runs: [(wall: Int, cpu: Int)] = []
        for _ in 0..<count {
            let window = ProbeWindow(procRoot: procRoot)
            guard (try? source.copy(size: size, window: window)) != nil, let delta = window.delta else { continue }
            runs.append((delta.wallNanoseconds, delta.cpuNanoseconds))
        }
        let after = cpuIdle(procRoot)
        var quietest: Int?
        if let before, let after {
            quietest = after.keys.filter { before[$0] != nil }.max {
                (after[$0] ?? 0) - (before[$0] ?? 0) < (after[$1] ?? 0) - (before[$1] ?? 0)
            }
        }
        return NoiseCheck(load: loadAverage(procRoot), cpus: Machine.current().cpus, runs: runs, quietestCPU: quietest)
    }

    /// Runs whose wall time was well above their CPU time: they waited for a core.
    public var preempted: Int {
        runs.filter { Double($0.wall) > Double($0.cpu) * Preemption.wallOverCPULimit && $0.wall - $0.cpu >= Preemption.leastWait }.count
    }

    public var spread: MedianRange? { MedianRange(runs.map { Double($0.wall) }) }

    /// Half the CPUs busy on average already: a comparison's runs (and a socket's two threads) compete for the rest.
    public var loaded: Bool { (load ?? 0) >= Double(cpus) / 2 }

    public var noisy: Bool {
        loaded || preempted >= NoiseCheck.noisyPreemptions || (spread?.relativeSpread ?? 0) > NoiseCheck.noisySpread
    }

    /// What was found, in one sentence.
    public var finding: String {
        let loadText =
            load.map { "load average \(NumberFormat.fixed($0, places: 2)) on \(cpus) CPU\(cpus == 1 ? "" : "s")" } ?? "no load average"
        guard let spread else { return "\(loadText); the timed workload did not run" }
        let worst = runs.map { Double($0.wall) / Double(max($0.cpu, 1)) }.max() ?? 1
        let preemptedText =
            preempted == 0
            ? "never preempted" : "preempted in \(preempted) (wall up to \(NumberFormat.decimal(worst))× its CPU time)"
        return "\(loadText); a \(ByteSize.format(NoiseCheck.size)) memcpy timed \(runs.count) times: median "
            + "\(NumberFormat.duration(nanoseconds: Int(spread.median))), spread ±\(CompareView.spread(spread.relativeSpread)), "
            + preemptedText
    }

    public var meaning: String {
        "the lessons' timings are noisy here: rows of compare, sweep and choose get preempted (marked *), their ranges widen, "
            + "and more verdicts read 'no clear difference' than on a quiet machine; their counts (syscalls, bytes, faults, "
            + "allocations) stay exact"
    }

    public var action: String {
        let core = quietestCPU.map { "taskset -c \($0) zctour (CPU \($0) was the idlest just now)" } ?? "taskset -c 1 zctour"
        return "close other programs (top shows what is busy); add --rounds 15 to compare, sweep and choose; "
            + "or keep zctour on one quiet core: \(core)"
    }

    /// The first field of /proc/loadavg.
    static func loadAverage(_ procRoot: String) -> Double? {
        guard let bytes = try? Syscall.readAll(path: "\(procRoot)/loadavg", limit: 4096) else { return nil }
        return String(decoding: bytes, as: UTF8.self).split(separator: " ").first.flatMap { Double($0) }
    }

    /// Idle ticks per CPU, from /proc/stat's `cpuN` lines (the fourth and fifth numbers: idle, iowait).
    static func cpuIdle(_ procRoot: String) -> [Int: Int]? {
        guard let bytes = try? Syscall.readAll(path: "\(procRoot)/stat", limit: 1 << 20) else { return nil }
        var idle: [Int: Int] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("cpu") {
            let fields = line.split(separator: " ")
            guard let name = fields.first, let cpu = Int(name.dropFirst(3)), fields.count > 5,
                let a = Int(fields[4]), let b = Int(fields[5])
            else { continue }
            idle[cpu] = a + b
        }
        return idle.isEmpty ? nil : idle
    }
}

extension Doctor {
    /// Whether timings will be noisy here (see `NoiseCheck`): a warning, never a blocker, since
    /// every count stays exact.
    func noise() -> Finding {
        let check = NoiseCheck.measure(procRoot: runner.procRoot)
        guard check.noisy else { return Finding("noise", "noise", .ok, "quiet: " + check.finding) }
        return Finding("noise", "noise", .warning, check.finding, meaning: check.meaning, action: check.action)
    }
}
