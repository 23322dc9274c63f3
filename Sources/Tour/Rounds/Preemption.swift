/// Whether a run was held up by other programs: it was ready to run and waited for a core. A run
/// that only computes and copies (into /dev/null, a file, memory) is on a core for all of its
/// wall time unless it is preempted, so its wall time well above its thread's CPU time says so.
/// A run into a socket also waits for its receiver by design: there the measure is the sender's
/// and the receiver's CPU time together (they take turns or run side by side, never less). A run
/// that waits for storage (--cold, --direct) cannot be judged by time at all; there it is being
/// switched out involuntarily many times.
public struct Preemption: Sendable, Equatable, Codable {
    /// What the run's wall time was held against.
    public enum Basis: String, Sendable, Codable {
        /// The working thread's CPU time.
        case cpu
        /// The sender's and the receiver's CPU time together.
        case cpuWithReceiver = "cpu_with_receiver"
        /// The involuntary context switches (storage waits make time useless).
        case switches
    }

    public let basis: Basis
    /// Wall time over the CPU time of `basis` (nil for `switches`).
    public let wallOverCPU: Double?
    public let involuntarySwitches: Int
    public let preempted: Bool

    /// Wall time this much above the CPU time counts as waiting for a core: a single-threaded
    /// run on an idle core stays within a few percent of it.
    public static let wallOverCPULimit = 1.25
    /// And by at least this much, so a clock's granularity never marks a tiny run.
    public static let leastWait = 50_000
    /// Involuntary switches that count as "many" for a run that waits for storage.
    public static let manySwitches = 5

    /// Judges one run.
    public init(_ record: RunRecord) {
        let c = record.counters
        involuntarySwitches = c.nonvoluntarySwitches
        if record.cold || record.direct == true {
            basis = .switches
            wallOverCPU = nil
            preempted = c.nonvoluntarySwitches >= Preemption.manySwitches
            return
        }
        var busy = c.cpuNanoseconds
        if record.sink == "socket" {
            basis = .cpuWithReceiver
            busy += record.peer?.cpuNanoseconds ?? 0
        } else {
            basis = .cpu
        }
        let wall = record.wallNanoseconds
        wallOverCPU = busy > 0 ? Double(wall) / Double(busy) : nil
        preempted = busy > 0 && Double(wall) > Double(busy) * Preemption.wallOverCPULimit && wall - busy >= Preemption.leastWait
    }
}

/// The preempted rounds of one row, for its mark and the note that explains it.
public struct RowNoise: Sendable, Equatable, Codable {
    public let rounds: Int
    public let preemptedRounds: Int
    public let basis: Preemption.Basis
    /// The largest wall-over-CPU factor among the preempted rounds.
    public let worstWallOverCPU: Double?
    /// The most involuntary switches in one preempted round.
    public let mostSwitches: Int

    public init(_ records: [RunRecord]) {
        let judged = records.map(Preemption.init)
        let preempted = judged.filter(\.preempted)
        rounds = records.count
        preemptedRounds = preempted.count
        basis = judged.first?.basis ?? .cpu
        worstWallOverCPU = preempted.compactMap(\.wallOverCPU).max()
        mostSwitches = preempted.map(\.involuntarySwitches).max() ?? 0
    }

    public var marked: Bool { preemptedRounds > 0 }

    enum CodingKeys: String, CodingKey {
        case rounds, basis
        case preemptedRounds = "preempted_rounds"
        case worstWallOverCPU = "worst_wall_over_cpu"
        case mostSwitches = "most_involuntary_switches"
    }

    /// `3 of 7 rounds, wall up to 2.9× its CPU time`.
    public var summary: String {
        let share = "\(preemptedRounds) of \(rounds) round\(rounds == 1 ? "" : "s")"
        switch basis {
        case .cpu: return share + (worstWallOverCPU.map { ", wall up to \(NumberFormat.decimal($0))× its CPU time" } ?? "")
        case .cpuWithReceiver:
            return share + (worstWallOverCPU.map { ", wall up to \(NumberFormat.decimal($0))× the sender's and receiver's CPU time" } ?? "")
        case .switches: return share + ", switched out involuntarily up to \(mostSwitches) times"
        }
    }
}
