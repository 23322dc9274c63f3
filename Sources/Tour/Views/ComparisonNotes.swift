import ZeroCopy

/// The notes under a comparison's table (compare, choose): how the rows were measured, what the
/// ratios and their verdicts mean, and every mark the table carries, each said once. Every
/// sentence is about the numbers above it, and an explanation comes from what a technique does
/// (sendfile into /dev/null moves nothing), never from the size of a ratio alone.
struct ComparisonNotes {
    let comparison: Comparison
    let style: Style
    /// The table's visible columns: notes explain only what is shown.
    let shown: Set<String>

    init(_ comparison: Comparison, style: Style, shown: Set<String>) {
        self.comparison = comparison
        self.style = style
        self.shown = shown
    }

    var lines: [String] {
        [rounds, speed, preempted, varied, drift, unclear, cpu, limit].compactMap { $0 }
    }

    var first: MeasuredRow? { comparison.rows.first }
    var others: [MeasuredRow] { Array(comparison.rows.dropFirst()) }

    /// How the rounds ran.
    var rounds: String? {
        let n = comparison.rounds
        guard n > 0 else { return nil }
        let entries = comparison.rows.count + (comparison.limit == nil ? 0 : 1)
        let order = entries > 2 ? "A B C, then C B A" : "A B, then B A"
        return style.dim(
            "\(n) round\(n == 1 ? "" : "s"), the rows' order alternating (\(order)), after one warm-up run each; "
                + "each row shows its median round"
                + (n > 1 && shown.contains("time") ? ", and ± how far its time spread over the rounds" : ""))
    }

    /// What the speed column means; where it did not fit, the verdicts themselves.
    var speed: String? {
        guard let first, !others.isEmpty else { return nil }
        let meaning =
            "the median of the per-round ratios and their range; a range that reaches within "
            + "\(NumberFormat.percent(RoundRatio.band)) of 1.00×, or rows whose CPU time does not agree, read 'no clear difference'"
        if shown.contains("speed") { return style.dim("speed: throughput against \(first.label), " + meaning) }
        let verdicts = (others + (comparison.limit.map { [$0] } ?? [])).compactMap { row in
            Comparison.speed(row, against: first).map { "\(row.label) \($0.isClear ? $0.text : "no clear difference, \($0.text)")" }
        }
        return "speed against \(first.label): " + verdicts.joined(separator: "; ") + style.dim(" (throughput, " + meaning + ")")
    }

    /// The `*` marks (said without the mark when the time column, and so the mark, is not shown).
    var preempted: String? {
        let noisy = comparison.noisy
        guard !noisy.isEmpty else { return nil }
        let all = comparison.rows.count + (comparison.limit == nil ? 0 : 1)
        var rows = noisy.map { "\($0.label) \($0.noise.preemptedRounds) of \($0.noise.rounds)" }.joined(separator: ", ")
        if noisy.count > 4 {
            // Many rows: how many, and in how many rounds.
            let counts = noisy.map(\.noise.preemptedRounds)
            let low = counts.min() ?? 0
            let high = counts.max() ?? 0
            rows =
                "\(noisy.count == all ? "every row" : "\(noisy.count) of \(all) rows"), "
                + "in \(low == high ? "\(low)" : "\(low) to \(high)") of \(comparison.rounds) rounds each"
        }
        func worst(_ basis: Preemption.Basis) -> Double? {
            noisy.filter { $0.noise.basis == basis }.compactMap(\.noise.worstWallOverCPU).max()
        }
        let switches = noisy.filter { $0.noise.basis == .switches }.map(\.noise.mostSwitches).max()
        var how: [String] = []
        if let alone = worst(.cpu) { how.append("wall up to \(NumberFormat.decimal(alone))× the row's CPU time") }
        if let pair = worst(.cpuWithReceiver) {
            how.append("\(how.isEmpty ? "wall up to " : "")\(NumberFormat.decimal(pair))× the sender's and receiver's CPU time together")
        }
        if let switches { how.append("up to \(switches) involuntary switches in a round") }
        let mark = shown.contains(CompareView.markTitle) ? "* " : ""
        return style.yellow(
            "\(mark)preempted in some rounds: \(rows) (\(how.joined(separator: ", "))): waiting for a core while other "
                + "programs ran; the machine is busy")
    }

    /// The `~` marks, and every exact counter that varied, shown in a column or not.
    var varied: String? {
        let rows = (comparison.rows + (comparison.limit.map { [$0] } ?? [])).filter { !$0.varied.isEmpty }
        guard !rows.isEmpty else { return nil }
        let text = rows.map { row in
            row.varied.sorted { $0.key < $1.key }
                .map { "\(row.label) \($0.key) \(NumberFormat.count($0.value.lowerBound))–\(NumberFormat.count($0.value.upperBound))" }
                .joined(separator: ", ")
        }.joined(separator: "; ")
        return style.dim("~ varied between rounds: \(text); each row shows its median round's counts")
    }

    /// Verdicts that noise left unclear, and what to do about it.
    var unclear: String? {
        guard let first else { return nil }
        var said: [String] = []
        let overruled = others.compactMap { row -> String? in
            guard let speed = Comparison.speed(row, against: first), let overrule = speed.overruledByCPU else { return nil }
            return "\(row.label) took \(speed.text) \(first.label)'s throughput by its time, but "
                + "\(RoundRatio(range: overrule.cpu, verdict: .unclear).text) by its CPU time"
        }
        if !overruled.isEmpty {
            said.append(
                "no clear difference where time and CPU time disagree: " + overruled.joined(separator: "; ")
                    + ": the difference in time came from waiting for a core, not from the work")
        }
        let blurred = others.filter { row in
            guard let speed = Comparison.speed(row, against: first) else { return false }
            return !speed.isClear && (row.noise.marked || first.noise.marked)
        }
        if !blurred.isEmpty {
            said.append(
                "no clear difference for \(blurred.map(\.label).joined(separator: ", ")) with preempted rounds in the way: "
                    + "for a clearer answer use --rounds \(RoundPlan.more(than: comparison.rounds)), close other "
                    + "programs, or keep zctour on one quiet core (taskset -c 1 zctour …)")
        }
        return said.isEmpty ? nil : style.yellow(said.joined(separator: "; "))
    }

    /// Where CPU time tells rows apart that wall time does not.
    var cpu: String? {
        guard let first else { return nil }
        let told = others.compactMap { row -> String? in
            guard Comparison.speed(row, against: first)?.isClear == false, let cpu = Comparison.cpu(row, against: first), cpu.isClear
            else { return nil }
            return "\(row.label) \(cpu.text)"
        }
        guard !told.isEmpty else { return nil }
        let sockets = comparison.records.contains { $0.sink == "socket" }
        return style.dim(
            "cpu tells apart what time does not: each row's CPU time as a multiple of \(first.label)'s (above 1× is more "
                + "CPU; each row's own thread, round by round), "
                + told.joined(separator: ", ")
                + (sockets ? "; into a socket both rows wait for the receiver, whose CPU time is not in them" : ""))
    }

    /// The limit row, and why a row is above it.
    var limit: String? {
        guard let limit = comparison.limit else { return nil }
        var text =
            "limit: memcpy of \(ByteSize.format(limit.shown.bytes)) from memory into a 64 KiB buffer, in the same rounds; "
            + (shown.contains("of limit")
                ? "'of limit' is each row's throughput as a share of it, the median of the rounds"
                : "the throughput bars below hold each row against it")
        let above = comparison.rows.filter { (comparison.ofLimit($0)?.median ?? 0) > 1 }
        var reasons: [String] = []
        func demo(_ row: MeasuredRow) -> (Demo, SinkKind)? {
            guard let demo = Demo.named(row.shown.demo), let sink = SinkKind(rawValue: row.shown.sink) else { return nil }
            return (demo, sink)
        }
        let nothing = above.filter { row in demo(row).map { $0.movesNothing(into: $1) } ?? false }
        if !nothing.isEmpty {
            reasons.append(
                "\(nothing.map(\.label).joined(separator: ", ")) above 100% because nothing was moved: into /dev/null the kernel "
                    + "hands over no bytes at all, so there was no copy for memcpy's speed to limit")
        }
        // The others: is the row above the limit by its CPU time per byte too, or by its time only?
        let rest = above.filter { row in !nothing.contains { $0.label == row.label } }
        for row in rest {
            let perByte = { (r: MeasuredRow) in r.runs.map { Double($0.counters.cpuNanoseconds) / Double(max($0.bytes, 1)) } }
            let byCPU = RoundRatio(perByte(limit), over: perByte(row))
            if let byCPU, byCPU.median < 1 {
                reasons.append(
                    "\(row.label) above 100% by time only: by CPU time it is at \(NumberFormat.percent(byCPU.median)) of the limit, "
                        + (limit.noise.marked
                            ? "so the limit row waited for a core longer (preempted in \(limit.noise.summary))"
                            : "so the difference is noise in the times"))
            } else if comparison.ofLimit(row)?.isClear == false {
                reasons.append(
                    "\(row.label) above 100% within noise: \(comparison.ofLimit(row)?.text ?? "") of the limit, a range that reaches 1")
            } else if let (technique, sink) = demo(row), technique.readsInPlace, sink == .null {
                reasons.append(
                    "\(row.label) above 100% in every round's range because it reads the bytes where they are and copies none, "
                        + "while memcpy reads and writes every byte")
            } else {
                reasons.append(
                    "\(row.label) above 100% by CPU time too, though it copies every byte: the limit did not show this machine's "
                        + "ceiling this time; measure again with --rounds \(RoundPlan.more(than: comparison.rounds))")
            }
        }
        if !reasons.isEmpty { text += "; " + reasons.joined(separator: "; ") }
        return style.dim(text)
    }
}
