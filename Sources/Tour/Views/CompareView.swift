import ZeroCopy

/// Several rows measured in the same rounds, in one table, with ratios against the first row:
/// throughput (bytes per second, so rows of different sizes compare fairly), each the median of
/// the per-round ratios with its range and a verdict, and syscalls (read-type plus write-type,
/// exact). The notes under the table say how it was measured and explain every mark in it.
public enum CompareView {
    /// `folded`: the line said instead of the charts, when a lesson shows them a second time.
    public static func render(_ comparison: Comparison, style: Style, folded: String? = nil) -> String {
        guard let first = comparison.rows.first else { return "" }
        let records = comparison.records
        func differ(_ value: (RunRecord) -> Int) -> Bool { Set(records.map(value)).count > 1 }
        var columns = [
            Table.Column("demo", right: false),
            Table.Column("syscr", dropOrder: 13), Table.Column("syscw", dropOrder: 12),
            Table.Column("rchar", dropOrder: 3), Table.Column("wchar", dropOrder: 2),
            // Faults and allocations matter where they tell the rows apart (lessons 2 to 4): then
            // they outlast the ratios when the width runs short.
            Table.Column("minflt", dropOrder: differ(\.counters.minflt) ? 11 : 6),
            Table.Column("allocs", dropOrder: differ(\.allocations.count) ? 11 : 5),
            // The verdicts (speed) outlast the times they come from, with their spread and marks;
            // those outlast the share of the limit and the CPU. The preemption mark goes just
            // before the time it marks.
            Table.Column("cpu", dropOrder: 6),
            Table.Column("time", dropOrder: 9), Table.Column(CompareView.markTitle, right: false, dropOrder: 8), Table.Column("throughput"),
            Table.Column("speed", dropOrder: 10), Table.Column("syscalls", dropOrder: 4),
        ]
        // Storage reads matter when a row made any (--cold, --direct: lesson 9).
        let storage = records.contains { ($0.counters.readBytes ?? 0) > 0 }
        if storage { columns.append(Table.Column("read_bytes", dropOrder: 11)) }
        // The peak of resident memory matters for the mapping demos (lesson 12).
        let resident = records.contains { $0.residency?.growthBytes != nil }
        if resident { columns.append(Table.Column("peak rss +", dropOrder: 11)) }
        if comparison.limit != nil { columns.append(Table.Column("of limit", dropOrder: 7)) }
        var table = Table(columns: columns)
        let firstSyscalls = syscalls(first.shown)
        let marks = Marks(comparison.rows + (comparison.limit.map { [$0] } ?? []))
        for row in comparison.rows {
            let record = row.shown
            let c = record.counters
            let calls = syscalls(record)
            let callRatio: String
            if let calls, let firstSyscalls, firstSyscalls > 0 {
                callRatio = NumberFormat.ratio(Double(calls) / Double(firstSyscalls))
            } else {
                callRatio = "n/a"
            }
            let speed = row.label == first.label ? "1.00×" : (Comparison.speed(row, against: first)?.cell ?? "")
            table.add(
                [
                    style.bold(record.label),
                    marks.count(row, "syscr", RunView.io(record, "syscr", c.syscr)),
                    marks.count(row, "syscw", RunView.io(record, "syscw", c.syscw)),
                    marks.count(row, "rchar", RunView.io(record, "rchar", c.rchar, bytes: true)),
                    marks.count(row, "wchar", RunView.io(record, "wchar", c.wchar, bytes: true)),
                    marks.count(row, "minflt", NumberFormat.count(c.minflt)),
                    marks.count(row, "allocations", NumberFormat.count(record.allocations.count)),
                    NumberFormat.duration(nanoseconds: c.cpuNanoseconds), time(row), marks.noise(row),
                    NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
                    speed, callRatio,
                ] + (storage ? [RunView.value(c.readBytes, bytes: true)] : [])
                    + (resident ? [record.residency?.growthBytes.map { ByteSize.format($0) } ?? "-"] : [])
                    + (comparison.limit == nil ? [] : [percent(comparison.ofLimit(row))]))
        }
        if let limit = comparison.limit {
            let record = limit.shown
            table.add(
                [
                    "limit (memcpy)", "", "", "", "", NumberFormat.count(record.counters.minflt),
                    NumberFormat.count(record.allocations.count),
                    NumberFormat.duration(nanoseconds: record.counters.cpuNanoseconds), time(limit), marks.noise(limit),
                    NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
                    Comparison.speed(limit, against: first)?.cell ?? "", "",
                ] + (storage ? [""] : []) + (resident ? [""] : []) + ["100%"].map { style.dim($0) })
        }
        var lines = [table.render(style: style)]
        let shown = table.shownTitles(style: style)
        let files = records.filter { $0.sink != "memory" }
        // Rows that moved the same bytes the same way share one line: `choose` into a file has
        // the file's rows and network → file's, whose source is a socket.
        let described = files.map { record in
            "\(ByteSize.format(record.size)) \(RunView.source(record)) \(style.arrow) \(RunView.destination(record))"
        }
        let kinds = uniqued(described)
        if kinds.count == 1 {
            lines.append(style.dim("every file row: \(kinds[0])"))
        } else if !files.isEmpty {
            let groups = kinds.map { kind in
                zip(files, described).filter { $0.1 == kind }.map(\.0.label).joined(separator: ", ") + ": \(kind)"
            }
            lines.append(style.dim("rows: " + groups.joined(separator: "; ")))
        }
        let countOnly = records.filter { $0.checksum == nil }.map(\.label)
        let verified = records.allSatisfy(\.verified)
        var footer = "  \(verified ? style.green(style.check) : style.red(style.cross)) "
        footer +=
            countOnly.isEmpty
            ? "every row's bytes and checksum verified at the destination, in every round"
            : "verified at the destination in every round: bytes and checksum, but only the byte count for "
                + "\(countOnly.joined(separator: ", ")) (/dev/null discards unseen)"
        lines.append(footer)
        lines += ComparisonNotes(comparison, style: style, shown: shown).lines
        if let reason = records.compactMap(\.countersUnavailable).first {
            lines.append(style.yellow("syscr, syscw, rchar and wchar are unavailable: \(reason)"))
        }
        let blind = records.filter { $0.countersBlind != nil }
        if !blind.isEmpty {
            lines.append(
                style.yellow(
                    "unseen: /proc/<pid>/io cannot see "
                        + blind.map { "\($0.label) (\($0.countersBlind?.counters.joined(separator: ", ") ?? ""))" }
                        .joined(separator: "; ") + "; 'trace DEMO' counts their real calls"))
        }
        if records.contains(where: { $0.sink == "socket" && $0.peerRole == nil }) {
            lines.append(style.dim("the socket's receiver is another thread: its reads are not in these rows (run one demo to see them)"))
        }
        if records.contains(where: { $0.http != nil }) {
            lines.append(
                style.dim("the HTTP client is another thread or process: its reads are not in these rows (run one demo to see them)"))
        }
        if records.contains(where: { $0.peerRole == "sender" }) {
            lines.append(style.dim("the sender is another thread: its sendfile calls are not in these rows (run one demo to see them)"))
        }
        if resident {
            lines.append(
                style.dim(
                    "peak rss +: how far the window raised the resident set's peak (VmHWM, reset through /proc/self/clear_refs "
                        + "just before the run), watched for "
                        + MeasurementNotes.uniqued(records.filter { $0.residency?.growthBytes != nil }.map(\.demo)).joined(separator: ", ")
                        + "; - for the others, whose buffers show as allocations and page faults"))
        }
        // A note that calls one row slower than another does so only where the rounds' verdict does.
        let clearlySlower: MeasurementNotes.Slower = { row, other in
            guard let row = comparison.rows.first(where: { $0.label == row.label }),
                let other = comparison.rows.first(where: { $0.label == other.label })
            else { return false }
            return Comparison.speed(row, against: other)?.verdict == .lower
        }
        lines += MeasurementNotes.rows(records, slower: clearlySlower).map { style.dim($0) }
        // The notes under the table wrap to the width like the table fits it.
        let rendered = lines.removeFirst()
        let notes = lines.flatMap { line -> [String] in
            TextWrapper.wrap(line.trimmingWhitespace(), width: style.width, first: "  ", rest: "    ")
        }
        let drawn =
            folded.map { TextWrapper.wrap(style.dim($0), width: style.width, first: "  ", rest: "    ") }
            ?? charts(comparison, style: style)
        return ([rendered] + notes + drawn).joined(separator: "\n")
    }

    /// A row's time: the shown round's wall time and `±` the spread of the rounds.
    static func time(_ row: MeasuredRow) -> String {
        let wall = NumberFormat.duration(nanoseconds: row.shown.wallNanoseconds)
        guard let range = row.time, range.count > 1 else { return wall }
        return wall + " ±" + spread(range.relativeSpread)
    }

    /// A spread as whole percent: `±3%`, `±<1%`.
    static func spread(_ share: Double) -> String {
        let percent = share * 100
        return percent < 1 ? "<1%" : "\(Int(percent.rounded()))%"
    }

    static func percent(_ ratio: RoundRatio?) -> String { ratio.map { NumberFormat.percent($0.median) } ?? "" }

    /// Throughput and syscall bars under the table, the limit among the throughput bars, each
    /// throughput bar with the range of its rounds.
    static func charts(_ comparison: Comparison, style: Style) -> [String] {
        var speed = BarChart(title: "throughput")
        for row in comparison.rows + (comparison.limit.map { [$0] } ?? []) {
            let record = row.shown
            let rates = MedianRange(row.rates)
            speed.add(
                row.label == "limit" ? "limit (memcpy)" : record.label, value: rate(record),
                text: NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
                range: rates.map { $0.low...$0.high })
        }
        var calls = BarChart(title: "syscalls (syscr + syscw)")
        for record in comparison.records {
            if let count = syscalls(record) {
                calls.add(record.label, value: Double(count), text: NumberFormat.count(count))
            } else {
                calls.add(record.label, value: 0, text: record.countersBlind != nil ? "unseen" : "n/a")
            }
        }
        let labels = (comparison.records.map(\.label) + (comparison.limit == nil ? [] : ["limit (memcpy)"])).map(\.visibleWidth).max() ?? 0
        return [speed.render(style: style, labelWidth: labels), calls.render(style: style, labelWidth: labels)].compactMap { $0 }.map {
            "\n" + $0
        }
    }

    static func rate(_ record: RunRecord) -> Double {
        Double(record.bytes) / Double(max(record.wallNanoseconds, 1))
    }

    static func syscalls(_ record: RunRecord) -> Int? {
        guard record.countersBlind == nil else { return nil }
        guard let r = record.counters.syscr, let w = record.counters.syscw else { return nil }
        return r + w
    }

    /// The title of the column of `*` marks: blank on screen, but its own, so notes can tell whether it is shown.
    static let markTitle = " "

    /// The marks a table puts on its cells: `*` beside a row's time when it was preempted in
    /// some round, `~` after a count that varied between rounds (cells in such a column are
    /// padded so the digits stay aligned).
    struct Marks {
        let variedColumns: Set<String>

        init(_ rows: [MeasuredRow]) {
            variedColumns = Set(rows.flatMap(\.varied.keys))
        }

        func count(_ row: MeasuredRow, _ name: String, _ text: String) -> String {
            guard variedColumns.contains(name) else { return text }
            return text + (row.varied[name] == nil ? " " : "~")
        }

        func noise(_ row: MeasuredRow) -> String { row.noise.marked ? "*" : "" }
    }
}
