/// Several runs in one table, a row each, with ratios against the first row: throughput (bytes
/// per second, so rows of different sizes compare fairly) and syscalls (read-type plus
/// write-type).
public enum CompareView {
    /// `folded`: the line said instead of the charts, when a lesson shows them a second time.
    public static func render(_ records: [RunRecord], limit: RunRecord? = nil, style: Style, folded: String? = nil) -> String {
        guard let first = records.first else { return "" }
        func differ(_ value: (RunRecord) -> Int) -> Bool { Set(records.map(value)).count > 1 }
        var columns = [
            Table.Column("demo", right: false),
            Table.Column("syscr", dropOrder: 13), Table.Column("syscw", dropOrder: 12),
            Table.Column("rchar", dropOrder: 3), Table.Column("wchar", dropOrder: 2),
            // Faults and allocations matter where they tell the rows apart (lessons 2 to 4): then
            // they outlast the ratios when the width runs short.
            Table.Column("minflt", dropOrder: differ(\.counters.minflt) ? 11 : 6),
            Table.Column("allocs", dropOrder: differ(\.allocations.count) ? 11 : 5),
            Table.Column("cpu", dropOrder: 7),
            Table.Column("time", dropOrder: 9), Table.Column("throughput"),
            Table.Column("speed", dropOrder: 8), Table.Column("syscalls", dropOrder: 4),
        ]
        // Storage reads matter when a row made any (--cold, --direct: lesson 9).
        let storage = records.contains { ($0.counters.readBytes ?? 0) > 0 }
        if storage { columns.append(Table.Column("read_bytes", dropOrder: 11)) }
        if limit != nil { columns.append(Table.Column("of limit", dropOrder: 10)) }
        var table = Table(columns: columns)
        let firstSyscalls = syscalls(first)
        for record in records {
            let c = record.counters
            let speed = rate(record) / rate(first)
            let calls = syscalls(record)
            let callRatio: String
            if let calls, let firstSyscalls, firstSyscalls > 0 {
                callRatio = NumberFormat.ratio(Double(calls) / Double(firstSyscalls))
            } else {
                callRatio = "n/a"
            }
            table.add(
                [
                    style.bold(record.label),
                    RunView.io(record, "syscr", c.syscr), RunView.io(record, "syscw", c.syscw),
                    RunView.io(record, "rchar", c.rchar, bytes: true), RunView.io(record, "wchar", c.wchar, bytes: true),
                    NumberFormat.count(c.minflt), NumberFormat.count(record.allocations.count),
                    NumberFormat.duration(nanoseconds: c.cpuNanoseconds),
                    NumberFormat.duration(nanoseconds: record.wallNanoseconds),
                    NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
                    NumberFormat.ratio(speed), callRatio,
                ] + (storage ? [RunView.value(c.readBytes, bytes: true)] : []) + (limit == nil ? [] : [fraction(record, of: limit)]))
        }
        if let limit {
            table.add(
                [
                    "limit (memcpy)", "", "", "", "", NumberFormat.count(limit.counters.minflt),
                    NumberFormat.count(limit.allocations.count),
                    NumberFormat.duration(nanoseconds: limit.counters.cpuNanoseconds),
                    NumberFormat.duration(nanoseconds: limit.wallNanoseconds),
                    NumberFormat.throughput(bytes: limit.bytes, nanoseconds: limit.wallNanoseconds),
                    NumberFormat.ratio(rate(limit) / rate(first)), "",
                ] + (storage ? [""] : []) + ["100%"].map { style.dim($0) })
        }
        var lines = [table.render(style: style)]
        let shown = table.shownTitles(style: style)
        let files = records.filter { $0.sink != "memory" }
        if let sample = files.first,
            files.allSatisfy({ $0.size == sample.size && $0.sink == sample.sink && RunView.source($0) == RunView.source(sample) })
        {
            lines.append(
                style.dim(
                    "every file row: \(ByteSize.format(sample.size)) \(RunView.source(sample)) "
                        + "\(style.arrow) \(RunView.sinkName(sample.sink))"))
        } else if !files.isEmpty {
            lines.append(
                style.dim(
                    "rows: "
                        + files.map { "\($0.label) \(ByteSize.format($0.size)) \(style.arrow) \(RunView.sinkName($0.sink))" }
                        .joined(separator: "; ")))
        }
        let countOnly = records.filter { $0.checksum == nil }.map(\.label)
        let verified = records.allSatisfy(\.verified)
        var footer = "  \(verified ? style.green(style.check) : style.red(style.cross)) "
        footer +=
            countOnly.isEmpty
            ? "every row's bytes and checksum verified at the destination"
            : "verified at the destination: bytes and checksum, but only the byte count for \(countOnly.joined(separator: ", ")) (/dev/null discards unseen)"
        let ratios = [("speed", "speed (throughput)"), ("syscalls", "syscalls")].filter { shown.contains($0.0) }.map(\.1)
        footer += style.dim(
            ratios.isEmpty
                ? "; each row after one warm-up run"
                : "; \(ratios.joined(separator: " and ")) \(ratios.count == 1 ? "is a ratio" : "are ratios") against \(first.label), "
                    + "each row after one warm-up run")
        lines.append(footer)
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
        if let limit {
            var text =
                "limit: memcpy of \(ByteSize.format(limit.bytes)) from memory into a 64 KiB buffer, measured in this run; "
                + (shown.contains("of limit")
                    ? "'of limit' is each row's throughput as a share of it"
                    : "the throughput bars below hold each row against it")
            let above = records.filter { rate($0) > rate(limit) * 1.05 }.map(\.label)
            if !above.isEmpty {
                text +=
                    "; above 100% (\(above.joined(separator: ", "))): fewer bytes went through memory than a copy "
                    + "(to /dev/null, sendfile and splice move none)"
            }
            lines.append(style.dim(text))
        }
        if records.contains(where: { $0.sink == "socket" }) {
            lines.append(style.dim("the socket's receiver is another thread: its reads are not in these rows (run one demo to see them)"))
        }
        lines += MeasurementNotes.rows(records).map { style.dim($0) }
        // The notes under the table wrap to the width like the table fits it.
        let rendered = lines.removeFirst()
        let notes = lines.flatMap { line -> [String] in
            TextWrapper.wrap(line.trimmingWhitespace(), width: style.width, first: "  ", rest: "    ")
        }
        let drawn =
            folded.map { TextWrapper.wrap(style.dim($0), width: style.width, first: "  ", rest: "    ") }
            ?? charts(records, limit: limit, style: style)
        return ([rendered] + notes + drawn).joined(separator: "\n")
    }

    /// Throughput and syscall bars under the table, the limit among the throughput bars.
    static func charts(_ records: [RunRecord], limit: RunRecord?, style: Style) -> [String] {
        var speed = BarChart(title: "throughput")
        for record in records {
            speed.add(
                record.label, value: rate(record), text: NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds))
        }
        if let limit {
            speed.add(
                "limit (memcpy)", value: rate(limit), text: NumberFormat.throughput(bytes: limit.bytes, nanoseconds: limit.wallNanoseconds))
        }
        var calls = BarChart(title: "syscalls (syscr + syscw)")
        for record in records {
            if let count = syscalls(record) {
                calls.add(record.label, value: Double(count), text: NumberFormat.count(count))
            } else {
                calls.add(record.label, value: 0, text: record.countersBlind != nil ? "unseen" : "n/a")
            }
        }
        let labels = (records.map(\.label) + (limit == nil ? [] : ["limit (memcpy)"])).map(\.visibleWidth).max() ?? 0
        return [speed.render(style: style, labelWidth: labels), calls.render(style: style, labelWidth: labels)].compactMap { $0 }.map {
            "\n" + $0
        }
    }

    /// A row's throughput as a share of the memcpy limit.
    static func fraction(_ record: RunRecord, of limit: RunRecord?) -> String {
        guard let limit, rate(limit) > 0 else { return "" }
        return NumberFormat.percent(rate(record) / rate(limit))
    }

    static func rate(_ record: RunRecord) -> Double {
        Double(record.bytes) / Double(max(record.wallNanoseconds, 1))
    }

    static func syscalls(_ record: RunRecord) -> Int? {
        guard record.countersBlind == nil else { return nil }
        guard let r = record.counters.syscr, let w = record.counters.syscw else { return nil }
        return r + w
    }
}
