import ZeroCopy

/// A run on the terminal: a heading, the verification, then the counters in labelled rows,
/// each with the /proc name a learner can look up. Counters /proc could not give are said
/// to be unavailable, with the reason, never shown as zero.
public enum RunView {
    public static func render(_ record: RunRecord, style: Style) -> String {
        var lines = [heading(record, style: style), verification(record, style: style)]
        if record.steps != nil {
            lines.append(steps(record, style: style))
        } else {
            lines.append(counters(record.counters, unavailable: record.countersUnavailable, record: record, style: style))
        }
        if let peer = record.peer {
            lines.append(style.dim("  the receiver, on its own thread (its counters are not in the sender's):"))
            lines.append(peerLine(peer, style: style))
        }
        if let cache = record.pageCache {
            lines += TextWrapper.wrap(pageCacheLine(cache), width: style.width, first: "  ", rest: "    ")
        }
        for note in record.notes + MeasurementNotes.run(record) {
            lines += TextWrapper.wrap(style.dim(note), width: style.width, first: "  ", rest: "    ")
        }
        // The other lines of text (not the tables) wrap to the width too, e.g. --width for a projector.
        return lines.flatMap { block -> [String] in
            block.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
                // Tables fit themselves.
                guard String(line).visibleWidth > style.width, !line.contains("   ") else { return [String(line)] }
                let indent = String(line.prefix { $0 == " " })
                return TextWrapper.wrap(line.trimmingWhitespace(), width: style.width, first: indent, rest: indent + "  ")
            }
        }.joined(separator: "\n")
    }

    /// CPU time below which the tick-sampled user/system split is not shown (see `explain cpu`).
    static let splitThreshold = 50_000_000

    static func heading(_ record: RunRecord, style: Style) -> String {
        var parts = [style.bold(record.label)]
        if record.demo == "cow" {
            parts.append("region of \(ByteSize.format(record.buffer))")
        } else if record.sink == "memory" {
            parts.append("\(ByteSize.format(record.size)) in memory, pieces of \(ByteSize.format(record.buffer))")
        } else {
            parts.append("\(ByteSize.format(record.size)) \(source(record)) \(style.arrow) \(sinkName(record.sink))")
            if let meaning = bufferText(record) { parts.append(meaning) }
        }
        if record.repeatCount > 1 { parts.append("median of \(record.repeatCount) runs") }
        return parts.joined(separator: " \(style.dot) ")
    }

    /// Where a file run read from: the page cache warm or cold, or past it with O_DIRECT.
    static func source(_ record: RunRecord) -> String {
        let file = record.file ?? "file"
        return record.direct == true ? "\(file) (O_DIRECT)" : record.cold ? "\(file) (cold cache)" : "\(file) (warm cache)"
    }

    static func sinkName(_ sink: String) -> String {
        switch sink {
        case "null": "/dev/null"
        case "socket": "TCP socket (127.0.0.1)"
        case "file": "file"
        default: sink
        }
    }

    static func bufferText(_ record: RunRecord) -> String? {
        switch record.demo {
        case "pread", "mmap", "foundation-data", "foundation-mapped", "foundation-if-safe": nil
        case "foundation-copy": record.blockSize.map { "\(ByteSize.format($0)) per call (st_blksize)" }
        case "filehandle": "read(upToCount: \(ByteSize.format(record.buffer)))"
        case "sendfile", "copy-file-range":
            record.buffer >= record.size ? "whole file per call" : "\(ByteSize.format(record.buffer)) per call"
        case "msg-zerocopy": record.buffer >= record.size ? "whole file in one send" : "\(ByteSize.format(record.buffer)) per send"
        case "splice", "tee":
            record.buffer > Splice.largestPipe
                ? "\(ByteSize.format(Splice.largestPipe)) per splice (the pipe's most)" : "\(ByteSize.format(record.buffer)) per splice"
        default: "buffer \(ByteSize.format(record.buffer))"
        }
    }

    static func verification(_ record: RunRecord, style: Style) -> String {
        let mark = record.verified ? style.green(style.check) : style.red(style.cross)
        var text = "  \(mark) \(NumberFormat.count(record.bytes)) \(record.bytes == 1 ? "byte" : "bytes") verified"
        if let checksum = record.checksum { text += ", checksum \(checksum)" }
        var how = record.verification
        if record.sink == "null" && record.checksum != nil {
            how += "; that pass is the consumer of the bytes, so it is inside the window"
        }
        return text + style.dim(" (\(how))")
    }

    static func value(_ number: Int?, bytes: Bool = false) -> String {
        guard let number else { return "n/a" }
        return bytes ? ByteSize.format(number) : NumberFormat.count(number)
    }

    /// A /proc io counter of a record; one that cannot see the technique says so instead of 0.
    static func io(_ record: RunRecord, _ name: String, _ number: Int?, bytes: Bool = false) -> String {
        if let number, record.countersBlind?.counters.contains(name) == true {
            return number == 0 ? "unseen" : "\(value(number, bytes: bytes)) (partly unseen)"
        }
        return value(number, bytes: bytes)
    }

    /// The line that says which counters are blind to a technique and where its calls show.
    static func blindLine(_ record: RunRecord, style: Style) -> String? {
        guard let blind = record.countersBlind else { return nil }
        let names = blind.counters.joined(separator: ", ")
        let text = style.yellow(
            "\(names) are blind here: \(blind.reason); "
                + "'unseen' is not zero, and 'trace \(record.demo)' counts the real calls")
        return TextWrapper.wrap(text, width: style.width, first: "  ", rest: "    ").joined(separator: "\n")
    }

    static func counters(_ c: RunRecord.Counters, unavailable: String?, record: RunRecord, style: Style) -> String {
        var table = Table(columns: [
            Table.Column("", right: false), Table.Column("", right: false), Table.Column(""),
            Table.Column("", right: false), Table.Column(""),
        ])
        if unavailable == nil {
            table.add(["syscalls", "read-type (syscr)", io(record, "syscr", c.syscr), "write-type (syscw)", io(record, "syscw", c.syscw)])
            table.add(["bytes", "rchar", io(record, "rchar", c.rchar, bytes: true), "wchar", io(record, "wchar", c.wchar, bytes: true)])
            table.add(["storage", "read_bytes", value(c.readBytes, bytes: true), "write_bytes", value(c.writeBytes, bytes: true)])
        }
        table.add(["page faults", "minor (minflt)", NumberFormat.count(c.minflt), "major (majflt)", NumberFormat.count(c.majflt)])
        table.add([
            "switches", "voluntary", NumberFormat.count(c.voluntarySwitches), "involuntary", NumberFormat.count(c.nonvoluntarySwitches),
        ])
        // The user/system split is sampled at scheduler ticks: for short windows it does not even
        // add up to the exact total, so it is shown only when there were enough ticks.
        let split =
            c.cpuNanoseconds >= RunView.splitThreshold
            ? "\(NumberFormat.duration(nanoseconds: c.utimeNanoseconds)) / \(NumberFormat.duration(nanoseconds: c.stimeNanoseconds))"
            : "too short to split"
        table.add(["cpu", "total (exact)", NumberFormat.duration(nanoseconds: c.cpuNanoseconds), "user / system", split])
        table.add([
            "memory", "allocations", "\(NumberFormat.count(record.allocations.count)) (\(ByteSize.format(record.allocations.bytes)))",
            "peak RSS", ByteSize.format(c.peakRSSBytes),
        ])
        let timeRow = [
            "time", "wall", NumberFormat.duration(nanoseconds: record.wallNanoseconds), "throughput",
            NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
        ]
        if let copied = record.copiedBytes { table.add(["copies", "bytes copied", ByteSize.format(copied), "", ""]) }
        table.add(timeRow)
        if record.calls > 0 { table.add(["demo", "transfer syscalls issued", NumberFormat.count(record.calls), "", ""]) }
        // The table's header row is empty here: the labels are in the cells.
        var lines = table.render(style: style).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if lines.contains(where: { $0.visibleWidth > style.width }) {
            // Too narrow for two pairs a row: one pair a row, the second under the first.
            var narrow = Table(columns: [Table.Column("", right: false), Table.Column("", right: false), Table.Column("")])
            for row in table.rows {
                narrow.add(Array(row.prefix(3)))
                if row.count == 5 && !row[3].isEmpty { narrow.add(["", row[3], row[4]]) }
            }
            lines = narrow.render(style: style).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
            if lines.contains(where: { $0.visibleWidth > style.width }) {
                // Narrower still: the counters' own names, without the groups.
                var names = Table(columns: [Table.Column("", right: false), Table.Column("")])
                for row in narrow.rows { names.add(Array(row.dropFirst())) }
                lines = names.render(style: style).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
            }
        }
        if let unavailable {
            lines.insert(style.yellow("  /proc counters unavailable (syscalls, bytes, storage): \(unavailable)"), at: 0)
        } else if let blind = blindLine(record, style: style) {
            lines.append(blind)
        }
        return lines.joined(separator: "\n")
    }

    static func peerLine(_ c: RunRecord.Counters, style: Style) -> String {
        "    syscr \(value(c.syscr))  rchar \(value(c.rchar, bytes: true))  minflt \(NumberFormat.count(c.minflt))  "
            + "cpu \(NumberFormat.duration(nanoseconds: c.cpuNanoseconds))"
    }

    static func pageCacheLine(_ cache: RunRecord.PageCache) -> String {
        if cache.residentAfter == 0 {
            return "--cold: the kernel dropped all \(NumberFormat.count(cache.pages)) pages of the file from the page cache "
                + "(\(NumberFormat.count(cache.residentBefore)) were cached)"
        }
        if cache.filesystem == "tmpfs" {
            return "--cold: the temporary directory is on tmpfs, whose pages live only in memory and cannot be "
                + "dropped; set TMPDIR to a disk-backed directory for a cold run"
        }
        return "--cold: the kernel kept \(NumberFormat.count(cache.residentAfter)) of \(NumberFormat.count(cache.pages)) pages cached "
            + "(pages in use or dirty cannot be dropped); the run is partly warm"
    }

    static func steps(_ record: RunRecord, style: Style) -> String {
        var table = Table(columns: [
            Table.Column("step", right: false), Table.Column("Swift", right: false, dropOrder: 1),
            Table.Column("allocations"), Table.Column("bytes allocated", dropOrder: 2), Table.Column("shares storage", right: false),
        ])
        for step in record.steps ?? [] {
            table.add([
                step.id, style.cyan(step.code), NumberFormat.count(step.allocations), ByteSize.format(step.allocatedBytes),
                step.shared
                    ? style.green("yes")
                    : style.yellow(
                        step.id == "string-decoding"
                            ? "no, \(ByteSize.format(step.bytes)) of its own" : "no, a copy of \(ByteSize.format(step.bytes))"),
            ])
        }
        return table.render(style: style)
    }
}
