import Glibc
import Syscalls
import ZeroCopy

extension DemoRunner {
    /// Measures `rows` (and the memcpy limit of `limitSize` bytes, when given) in interleaved
    /// rounds: each entry once unmeasured when `warmUp` says so, then round after round each
    /// once, in the order `RoundPlan.order` gives, for as many rounds as `plan` says. Every run
    /// is verified; each row keeps every round's record (`MeasuredRow`).
    /// `progress` names the work on the progress line (`ProgressLine`), which says which round
    /// and row run now.
    public func measure(
        _ rows: [(RunSettings, String)], limitSize: Int?, plan: RoundPlan, warmUp: Bool, progress: String? = nil
    ) throws -> Comparison {
        let schedule = RoundSchedule(rows: rows, limitSize: limitSize, warmUp: warmUp)
        let complete = runsMade == 0
        var runs = Array(repeating: [RunRecord](), count: schedule.entries)
        try perform(schedule, settings: rows.map(\.0), plan: plan, until: nil, progress: progress) { round, entry, record in
            var record = record
            record.replay = TraceReplay(schedule: schedule, round: round, entry: entry, complete: complete)
            runs[entry].append(record)
        }
        let rounds = runs.first?.count ?? 0
        let measured = zip(schedule.rows, runs).map { row, runs in MeasuredRow(label: row.label, runs: runs) }
        let limit = limitSize == nil ? nil : runs.last.map { MeasuredRow(label: "limit", runs: $0) }
        return Comparison(rows: measured, limit: limit, rounds: rounds)
    }

    /// The traced child's side of `TraceReplay`: the same schedule run the same way up to the
    /// traced run, whose window alone is marked for the tracer. Returns that run's record.
    public func replay(_ replay: TraceReplay) throws -> RunRecord {
        let settings = try replay.schedule.rows.map { try $0.settings() }
        var traced: RunRecord?
        try perform(
            replay.schedule, settings: settings, plan: RoundPlan(.fixed(replay.round + 1)),
            until: (replay.round, replay.entry)
        ) { round, entry, record in
            if round == replay.round && entry == replay.entry { traced = record }
        }
        guard let traced else { throw RuntimeFailure("the traced run's position is not in its schedule") }
        return traced
    }

    /// Runs `schedule`, telling `measured` about every measured run (its round, its entry, its
    /// record). With `until`, it stops after that run, which alone has marked windows.
    private func perform(
        _ schedule: RoundSchedule, settings: [RunSettings], plan: RoundPlan, until target: (round: Int, entry: Int)?,
        progress: String? = nil, measured: (Int, Int, RunRecord) throws -> Void
    ) throws {
        try checkResources(for: settings)
        let task = progress.map { ProgressLine.shared.begin($0) }
        defer { if let task { ProgressLine.shared.end(task) } }
        func say(_ step: String, _ entry: Int) {
            guard let task else { return }
            let label = entry < schedule.rows.count ? schedule.rows[entry].label : "limit (memcpy)"
            ProgressLine.shared.advance(task, to: 0, detail: "\(step), \(label)")
        }
        let marking = marksWindows
        marksWindows = target == nil && marking
        defer { marksWindows = marking }
        let source = try schedule.limitSize.map { try limitSource(size: $0) }
        func run(_ entry: Int) throws -> RunRecord {
            try Interruption.check()
            if entry < settings.count { return try runOnce(settings[entry], label: schedule.rows[entry].label) }
            guard let size = schedule.limitSize, let source else { throw RuntimeFailure("the schedule has no limit row") }
            return try limitRun(size: size, source: source)
        }
        let start = DemoRunner.now()
        if schedule.warmUp {
            for entry in 0..<schedule.entries {
                say("warm-up", entry)
                _ = try run(entry)
            }
        }
        let roundsStart = DemoRunner.now()
        var round = 0
        while plan.continues(after: round, elapsed: DemoRunner.now() - start, rounds: DemoRunner.now() - roundsStart) {
            for entry in RoundPlan.order(round: round, entries: schedule.entries) {
                let traced = target.map { $0.round == round && $0.entry == entry } ?? false
                if traced { marksWindows = true }
                say("round \(round + 1)", entry)
                let record = try run(entry)
                try measured(round, entry, record)
                if traced { return }
            }
            round += 1
        }
    }

    /// CLOCK_MONOTONIC in nanoseconds, for the time budget of the rounds.
    static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}
