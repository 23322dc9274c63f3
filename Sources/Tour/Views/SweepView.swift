/// A sweep on the terminal: a row per buffer size, the knee marked, then bars of throughput and
/// of syscalls, so the shape shows at a glance: syscalls halve with every doubling while the
/// throughput flattens once the per-call cost no longer matters. Every size runs in the same
/// interleaved rounds; a row's "of best" is the median of its per-round ratios to the fastest row.
public enum SweepView {
    /// A row at or above this share of the best throughput counts as "as good".
    static let kneeShare = 0.9

    /// The row of the highest median throughput.
    static func best(_ comparison: Comparison) -> MeasuredRow? {
        comparison.rows.max { (MedianRange($0.rates)?.median ?? 0) < (MedianRange($1.rates)?.median ?? 0) }
    }

    /// Each row's throughput against the best row's, round by round.
    static func ofBest(_ row: MeasuredRow, in comparison: Comparison) -> RoundRatio? {
        best(comparison).flatMap { Comparison.speed(row, against: $0) }
    }

    /// The smallest buffer whose median ratio to the best reaches 90%.
    static func knee(_ comparison: Comparison) -> MeasuredRow? {
        comparison.rows.first { (ofBest($0, in: comparison)?.median ?? 0) >= kneeShare }
    }

    /// `folded`: the line said instead of the charts, when a lesson shows a sweep a second time.
    public static func render(_ comparison: Comparison, style: Style, folded: String? = nil) -> String {
        guard let first = comparison.rows.first?.shown else { return "" }
        let knee = knee(comparison)
        var table = Table(columns: [
            Table.Column("buffer"), Table.Column("syscr", dropOrder: 3), Table.Column("syscw", dropOrder: 2),
            // (the preemption mark, dropOrder 3, goes with the time it marks)
            Table.Column("syscalls"), Table.Column("issued", dropOrder: 6), Table.Column("time", dropOrder: 4),
            Table.Column(CompareView.markTitle, right: false, dropOrder: 3), Table.Column("throughput"),
            // "of best" is what the knee is read from: it stays longest of the ratios.
            Table.Column("of best", dropOrder: 5), Table.Column("of limit", dropOrder: 1), Table.Column("", right: false),
        ])
        let marks = CompareView.Marks(comparison.rows)
        for row in comparison.rows {
            let record = row.shown
            let c = record.counters
            table.add([
                style.bold(ByteSize.format(record.buffer)),
                marks.count(row, "syscr", RunView.io(record, "syscr", c.syscr)),
                marks.count(row, "syscw", RunView.io(record, "syscw", c.syscw)),
                CompareView.syscalls(record).map(NumberFormat.count) ?? (record.countersBlind != nil ? "unseen" : "n/a"),
                NumberFormat.count(record.calls),
                CompareView.time(row), marks.noise(row),
                NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
                CompareView.percent(ofBest(row, in: comparison)),
                CompareView.percent(comparison.ofLimit(row)),
                row.label == knee?.label ? style.green((style.unicode ? "◀ " : "<- ") + "knee") : "",
            ])
        }
        let shown = table.shownTitles(style: style)
        var notes: [String] = []
        notes.append(
            style.dim(
                "\(first.demo): \(ByteSize.format(first.size)) \(first.sink == "memory" ? "in memory" : "\(first.file ?? "file") \(style.arrow) \(RunView.sinkName(first.sink))")"
            ))
        let general = ComparisonNotes(comparison, style: style, shown: shown)
        notes += [general.rounds, general.preempted, general.varied].compactMap { $0 }
        if let fastest = best(comparison) {
            var pairs: [ComparisonNotes.DriftPair] = []
            if shown.contains("of best") {
                pairs += comparison.rows.filter { $0.label != fastest.label }.map {
                    ComparisonNotes.DriftPair(row: $0, reference: fastest, ratio: ofBest($0, in: comparison), share: true)
                }
            }
            if shown.contains("of limit") { pairs += ComparisonNotes.limitPairs(comparison) }
            if let drift = ComparisonNotes.drift(pairs, style: style) { notes.append(drift) }
        }
        if let knee, let fastest = best(comparison) {
            // The share is per round (the knee's and the best's runs of one round, at one moment).
            let share = ofBest(knee, in: comparison).map { " (\(NumberFormat.percent($0.median)) of it, round by round)" } ?? ""
            var text =
                "knee: \(ByteSize.format(knee.shown.buffer)) is the smallest buffer within \(NumberFormat.percent(1 - kneeShare)) of the best, "
                + "\(ByteSize.format(fastest.shown.buffer))"
                + (knee.label == fastest.label ? " itself" : share)
            let after = comparison.rows.filter { $0.shown.buffer > knee.shown.buffer }
            // Fell below: the whole range of its ratio to the best is under 90%, not just its median.
            let fallen = after.filter { (ofBest($0, in: comparison)?.range.high ?? 1) < kneeShare }
            let unsure = after.filter { row in
                (ofBest(row, in: comparison)?.median ?? 1) < kneeShare && !fallen.contains { $0.label == row.label }
            }
            if after.isEmpty {
                // The largest size tried: the throughput may still be rising past it.
                text += "; it is the largest size tried, so the knee may lie further: sweep a wider --buffer range"
            } else if fallen.isEmpty && unsure.isEmpty {
                text += "; bigger buffers cut syscalls but barely the time"
            } else {
                // Fell in every round: what the rows' own counters say about it (MeasurementNotes).
                if !fallen.isEmpty { text += "; " + MeasurementNotes.fallen(fallen.map(\.shown)) }
                if !unsure.isEmpty {
                    text +=
                        "; \(unsure.map { ByteSize.format($0.shown.buffer) }.joined(separator: ", ")) dipped below it by the median, "
                        + "but their range reaches it: noise? (--rounds \(RoundPlan.more(than: comparison.rounds)) tells)"
                }
            }
            notes.append(text)
        }
        if let limit = comparison.limit?.shown {
            notes.append(
                style.dim(
                    "limit: memcpy of \(ByteSize.format(limit.bytes)) into a 64 KiB buffer in the same rounds, "
                        + NumberFormat.throughput(bytes: limit.bytes, nanoseconds: limit.wallNanoseconds)))
        }
        if let blind = first.countersBlind {
            notes.append(
                style.yellow(
                    "unseen: \(blind.reason); 'issued' is the demo's own count of its calls, "
                        + "and 'trace \(first.demo) --buffer N' has the kernel's"))
        }
        if !comparison.records.allSatisfy(\.verified) {
            notes.append(style.red("\(style.cross) some runs failed verification"))
        } else {
            notes.append("\(style.green(style.check)) every run's bytes verified at the destination, in every round")
        }
        let wrapped = notes.flatMap { TextWrapper.wrap($0, width: style.width, first: "  ", rest: "    ") }
        var speed = BarChart(title: "throughput")
        // Where /proc cannot see the calls, the chart shows the ones the demo issued, and says so.
        let blind = first.countersBlind != nil
        var calls = BarChart(title: blind ? "transfer calls the demo issued (unseen by /proc)" : "syscalls (syscr + syscw)")
        for row in comparison.rows {
            let record = row.shown
            let label = ByteSize.format(record.buffer)
            speed.add(
                label, value: CompareView.rate(record),
                text: NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
                range: MedianRange(row.rates).map { $0.low...$0.high })
            if blind {
                calls.add(label, value: Double(record.calls), text: NumberFormat.count(record.calls))
            } else if let count = CompareView.syscalls(record) {
                calls.add(label, value: Double(count), text: NumberFormat.count(count))
            }
        }
        if let limit = comparison.limit {
            speed.add(
                "memcpy", value: CompareView.rate(limit.shown),
                text: NumberFormat.throughput(bytes: limit.shown.bytes, nanoseconds: limit.shown.wallNanoseconds),
                range: MedianRange(limit.rates).map { $0.low...$0.high })
        }
        let charts =
            folded.map { TextWrapper.wrap(style.dim($0), width: style.width, first: "  ", rest: "    ") }
            ?? [speed.render(style: style), calls.render(style: style)].compactMap { $0 }.map { "\n" + $0 }
        return ([table.render(style: style)] + wrapped + charts).joined(separator: "\n")
    }
}
