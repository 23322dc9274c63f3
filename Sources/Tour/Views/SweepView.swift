/// A sweep on the terminal: a row per buffer size, the knee marked, then bars of throughput and
/// of syscalls, so the shape shows at a glance: syscalls halve with every doubling while the
/// throughput flattens once the per-call cost no longer matters.
public enum SweepView {
    /// A row at or above this share of the best throughput counts as "as good".
    static let kneeShare = 0.9

    /// The smallest buffer whose throughput reaches 90% of the best.
    static func knee(_ records: [RunRecord]) -> RunRecord? {
        guard let best = records.map(CompareView.rate).max(), best > 0 else { return nil }
        return records.first { CompareView.rate($0) >= best * kneeShare }
    }

    /// `folded`: the line said instead of the charts, when a lesson shows a sweep a second time.
    public static func render(_ records: [RunRecord], limit: RunRecord?, style: Style, folded: String? = nil) -> String {
        guard let first = records.first else { return "" }
        let best = records.map(CompareView.rate).max() ?? 0
        let knee = knee(records)
        var table = Table(columns: [
            Table.Column("buffer"), Table.Column("syscr", dropOrder: 3), Table.Column("syscw", dropOrder: 2),
            Table.Column("syscalls"), Table.Column("issued", dropOrder: 6), Table.Column("time", dropOrder: 4), Table.Column("throughput"),
            Table.Column("of best", dropOrder: 1), Table.Column("of limit", dropOrder: 5), Table.Column("", right: false),
        ])
        for record in records {
            let c = record.counters
            table.add([
                style.bold(ByteSize.format(record.buffer)),
                RunView.io(record, "syscr", c.syscr), RunView.io(record, "syscw", c.syscw),
                CompareView.syscalls(record).map(NumberFormat.count) ?? (record.countersBlind != nil ? "unseen" : "n/a"),
                NumberFormat.count(record.calls),
                NumberFormat.duration(nanoseconds: record.wallNanoseconds),
                NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
                best > 0 ? NumberFormat.percent(CompareView.rate(record) / best) : "",
                CompareView.fraction(record, of: limit),
                record.buffer == knee?.buffer ? style.green((style.unicode ? "◀ " : "<- ") + "knee") : "",
            ])
        }
        var notes: [String] = []
        notes.append(
            style.dim(
                "\(first.demo): \(ByteSize.format(first.size)) \(first.sink == "memory" ? "in memory" : "\(first.file ?? "file") \(style.arrow) \(RunView.sinkName(first.sink))")"
                    + (first.repeatCount > 1 ? ", median of \(first.repeatCount) runs per size" : "")
                    + "; the first size after one warm-up run"))
        if let knee, let fastest = records.max(by: { CompareView.rate($0) < CompareView.rate($1) }) {
            var text =
                "knee: \(ByteSize.format(knee.buffer)) is the smallest buffer within \(NumberFormat.percent(1 - kneeShare)) of the best "
                + "(\(ByteSize.format(fastest.buffer)), \(NumberFormat.throughput(bytes: fastest.bytes, nanoseconds: fastest.wallNanoseconds)))"
            let fallen = records.filter { $0.buffer > knee.buffer && CompareView.rate($0) < best * kneeShare }
            if fallen.isEmpty {
                text += "; bigger buffers cut syscalls but barely the time"
            } else {
                text += "; " + MeasurementNotes.fallen(fallen)
            }
            notes.append(text)
        }
        if let limit {
            notes.append(
                style.dim(
                    "limit: memcpy of \(ByteSize.format(limit.bytes)) into a 64 KiB buffer in this run, "
                        + NumberFormat.throughput(bytes: limit.bytes, nanoseconds: limit.wallNanoseconds)))
        }
        if let blind = first.countersBlind {
            notes.append(
                style.yellow(
                    "unseen: \(blind.reason); 'issued' is the demo's own count of its calls, "
                        + "and 'trace \(first.demo) --buffer N' has the kernel's"))
        }
        if !records.allSatisfy(\.verified) {
            notes.append(style.red("\(style.cross) some runs failed verification"))
        } else {
            notes.append("\(style.green(style.check)) every run's bytes verified at the destination")
        }
        let wrapped = notes.flatMap { TextWrapper.wrap($0, width: style.width, first: "  ", rest: "    ") }
        var speed = BarChart(title: "throughput")
        // Where /proc cannot see the calls, the chart shows the ones the demo issued, and says so.
        let blind = first.countersBlind != nil
        var calls = BarChart(title: blind ? "transfer calls the demo issued (unseen by /proc)" : "syscalls (syscr + syscw)")
        for record in records {
            let label = ByteSize.format(record.buffer)
            speed.add(
                label, value: CompareView.rate(record),
                text: NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds))
            if blind {
                calls.add(label, value: Double(record.calls), text: NumberFormat.count(record.calls))
            } else if let count = CompareView.syscalls(record) {
                calls.add(label, value: Double(count), text: NumberFormat.count(count))
            }
        }
        if let limit {
            speed.add(
                "memcpy", value: CompareView.rate(limit),
                text: NumberFormat.throughput(bytes: limit.bytes, nanoseconds: limit.wallNanoseconds))
        }
        let charts =
            folded.map { TextWrapper.wrap(style.dim($0), width: style.width, first: "  ", rest: "    ") }
            ?? [speed.render(style: style), calls.render(style: style)].compactMap { $0 }.map { "\n" + $0 }
        return ([table.render(style: style)] + wrapped + charts).joined(separator: "\n")
    }
}
