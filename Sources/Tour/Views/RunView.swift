import ZeroCopy

/// A run on the terminal: a heading, the verification, then the counters in labelled rows,
/// each with the /proc name a learner can look up. Counters /proc could not give are said
/// to be unavailable, with the reason, never shown as zero.
public enum RunView {
    public static func render(_ record: RunRecord, style: Style) -> String {
        var lines = [heading(record, style: style), verification(record, style: style)]
        if let http = record.http { lines += MarkdownText.wrap(style.dim(httpLine(http)), width: style.width, first: "  ", rest: "    ") }
        if record.steps != nil {
            lines.append(steps(record, style: style))
        } else {
            lines.append(counters(record.counters, unavailable: record.countersUnavailable, record: record, style: style))
        }
        if let peer = record.peer {
            lines += MarkdownText.wrap(style.dim(peerHeading(record.peerRole)), width: style.width, first: "  ", rest: "    ")
            lines.append(peerLine(peer, style: style) + (record.peerRole == "curl" ? "  wchar \(value(peer.wchar, bytes: true))" : ""))
        }
        if let space = record.space {
            lines += MarkdownText.wrap(spaceLine(space), width: style.width, first: "  ", rest: "    ")
        }
        if let reason = record.residency?.unavailable {
            lines += MarkdownText.wrap(
                style.yellow("peak resident memory not measured: \(reason)"), width: style.width, first: "  ", rest: "    ")
        }
        if let cache = record.pageCache {
            lines += TextWrapper.wrap(pageCacheLine(cache), width: style.width, first: "  ", rest: "    ")
        }
        for note in record.notes + MeasurementNotes.run(record) {
            lines += TextWrapper.wrap(style.dim(note), width: style.width, first: "  ", rest: "    ")
        }
        for note in timingNotes(record) { lines += TextWrapper.wrap(style.yellow(note), width: style.width, first: "  ", rest: "    ") }
        // The other lines of text (not the tables) wrap to the width too, e.g. --width for a projector.
        return lines.flatMap { block -> [String] in
            block.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
                // Tables fit themselves: a line with a column gap (three spaces or more) after
                // its indent is one of theirs.
                guard String(line).visibleWidth > style.width, !line.drop(while: { $0 == " " }).contains("   ") else {
                    return [String(line)]
                }
                let indent = String(line.prefix { $0 == " " })
                return TextWrapper.wrap(line.trimmingWhitespace(), width: style.width, first: indent, rest: indent + "  ")
            }
        }.joined(separator: "\n")
    }

    /// What the time and throughput above do not mean: a run into /dev/null that moves nothing,
    /// a run that waited for a core.
    static func timingNotes(_ record: RunRecord) -> [String] {
        var notes: [String] = []
        if let sink = SinkKind(rawValue: record.sink), Demo.named(record.demo)?.movesNothing(into: sink) == true {
            notes.append(
                "throughput: \(record.demo) into /dev/null moves nothing (the kernel hands /dev/null the pages' references and "
                    + "it drops them unread), so this is the cost of the calls, not of moving data; --to socket or --to file moves real bytes"
            )
        }
        guard record.steps == nil, record.repeatCount == 1 else { return notes }
        let preemption = Preemption(record)
        if preemption.preempted {
            let how =
                preemption.wallOverCPU.map {
                    "its wall time was \(NumberFormat.decimal($0))× "
                        + (preemption.basis == .cpuWithReceiver
                            ? (record.peerRole == "curl"
                                ? "the server's CPU time and curl's together (curl's whole life, its start-up included)"
                                : "the sender's and the receiver's CPU time together")
                            : "its CPU time")
                }
                ?? "it was switched out involuntarily \(preemption.involuntarySwitches) times"
            notes.append(
                "preempted: \(how), waiting for a core while other programs ran, so the time says as much about the machine as "
                    + "about \(record.demo); --repeat 5 shows the median of five runs, and compare holds techniques against each other "
                    + "in interleaved rounds")
        }
        return notes
    }

    static func heading(_ record: RunRecord, style: Style) -> String {
        var parts = [style.bold(record.label)]
        if record.demo == "cow" {
            parts.append("region of \(ByteSize.format(record.buffer))")
        } else if record.sink == "memory" {
            parts.append("\(ByteSize.format(record.size)) in memory, pieces of \(ByteSize.format(record.buffer))")
        } else {
            parts.append("\(ByteSize.format(record.size)) \(source(record)) \(style.arrow) \(destination(record))")
            if let meaning = bufferText(record) { parts.append(meaning) }
        }
        if record.repeatCount > 1 { parts.append("median of \(record.repeatCount) runs") }
        return parts.joined(separator: " \(style.dot) ")
    }

    /// Where a file run read from: the page cache warm or cold, or past it with O_DIRECT. A
    /// --cold run is called cold only if the kernel dropped the pages (tmpfs cannot).
    static func source(_ record: RunRecord) -> String {
        if record.source == "socket" { return "from a TCP socket (127.0.0.1)" }
        let file = record.file ?? "file"
        if record.direct == true { return "\(file) (O_DIRECT)" }
        guard record.cold else { return "\(file) (warm cache)" }
        guard let cache = record.pageCache, cache.residentAfter > 0 else { return "\(file) (cold cache)" }
        return cache.filesystem == "tmpfs" ? "\(file) (in memory: tmpfs cannot be dropped)" : "\(file) (partly cold)"
    }

    /// Where a run's bytes went: its sink, or a download's HTTP client.
    static func destination(_ record: RunRecord) -> String {
        guard let http = record.http else { return sinkName(record.sink) }
        return "HTTP client over TCP (\(http.client == "curl" ? "curl" : "a client thread"))"
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
        case "pread", "mmap", "http-mmap", "mmap-unlinked", "foundation-data", "foundation-mapped", "foundation-if-safe": nil
        case "mmap-window", "mmap-leak", "mmap-defer": "windows of \(ByteSize.format(record.buffer))"
        case "foundation-copy": record.blockSize.map { "\(ByteSize.format($0)) per call (st_blksize)" }
        case "filehandle": "read(upToCount: \(ByteSize.format(record.buffer)))"
        case "sendfile", "copy-file-range", "http-sendfile":
            record.buffer >= record.size ? "whole file per call" : "\(ByteSize.format(record.buffer)) per call"
        case "msg-zerocopy": record.buffer >= record.size ? "whole file in one send" : "\(ByteSize.format(record.buffer)) per send"
        case "splice", "tee", "recv-splice":
            record.buffer > Splice.largestPipe
                ? "\(ByteSize.format(Splice.largestPipe)) per splice (the pipe's most)" : "\(ByteSize.format(record.buffer)) per splice"
        case "uring-splice":
            (record.buffer > Splice.largestPipe
                ? "\(ByteSize.format(Splice.largestPipe)) per splice (the pipe's most)" : "\(ByteSize.format(record.buffer)) per splice")
                + ", \(record.queue ?? 1) in flight"
        case "uring-send-zc": "\(ByteSize.format(record.buffer)) per send, \(record.queue ?? 1) in flight"
        default:
            record.queue.map { "buffer \(ByteSize.format(record.buffer)) × \($0) in flight" } ?? "buffer \(ByteSize.format(record.buffer))"
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
        var text =
            record.ring == nil
            ? "\(names) are blind here: \(blind.reason); 'unseen' is not zero, and 'trace \(record.demo)' counts the real calls"
            : "\(names) are blind here: \(blind.reason); 'unseen' is not zero: the ring rows count its operations from their "
                + "completions, and 'trace \(record.demo)' counts the real calls"
        if record.storageScope == "process" {
            text += "; read_bytes and write_bytes are the whole process's, io_uring's worker threads included"
        }
        text = style.yellow(text)
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
        }
        for row in record.ring.map(ringRows) ?? [] { table.add(row) }
        if unavailable == nil {
            let scope = record.storageScope == "process" ? " (process)" : ""
            table.add([
                "storage", "read_bytes" + scope, value(c.readBytes, bytes: true), "write_bytes" + scope, value(c.writeBytes, bytes: true),
            ])
        }
        table.add(["page faults", "minor (minflt)", NumberFormat.count(c.minflt), "major (majflt)", NumberFormat.count(c.majflt)])
        table.add([
            "switches", "voluntary", NumberFormat.count(c.voluntarySwitches), "involuntary", NumberFormat.count(c.nonvoluntarySwitches),
        ])
        // The user/system split is sampled at scheduler ticks: for short windows it does not even
        // add up to the exact total, so it is shown only when there were enough ticks.
        var split = "too short to split"
        if c.cpuNanoseconds >= RunRecord.Counters.splitThreshold, let user = c.utimeNanoseconds, let system = c.stimeNanoseconds {
            split = "\(NumberFormat.duration(nanoseconds: user)) / \(NumberFormat.duration(nanoseconds: system))"
        }
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
        if let peak = record.residency?.peakBytes, let growth = record.residency?.growthBytes {
            table.add(["resident", "peak rise in window", "+" + ByteSize.format(growth), "peak in window", ByteSize.format(peak)])
        }
        if let growth = record.mappings {
            table.add([
                "mappings", "in /proc/self/maps",
                "\(NumberFormat.count(growth.before.mappings)) → \(NumberFormat.count(growth.after.mappings))",
                "address space", "+" + ByteSize.format(growth.after.addressSpace - growth.before.addressSpace),
            ])
            table.add(["", "page tables (VmPTE)", "+" + ByteSize.format(growth.after.pageTables - growth.before.pageTables), "", ""])
        }
        table.add(timeRow)
        if record.calls > 0 && record.ring == nil {
            table.add(["demo", "transfer syscalls issued", NumberFormat.count(record.calls), "", ""])
        }
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

    /// What went through the ring, from its completions, beside the syscalls that carried it.
    static func ringRows(_ ring: RingOperations) -> [[String]] {
        var rows = [
            ["ring", "io_uring_enter calls", NumberFormat.count(ring.enters), "in flight per call", NumberFormat.count(ring.queue)],
            [
                "", "operations submitted", NumberFormat.count(ring.submitted), "completed (CQEs)",
                "\(NumberFormat.count(ring.completed)) (\(NumberFormat.count(ring.failed)) failed)",
            ],
        ]
        var cells = ring.opcodes.flatMap { [$0.name, NumberFormat.count($0.submitted)] }
        while !cells.isEmpty {
            let pair = Array(cells.prefix(4))
            cells.removeFirst(pair.count)
            rows.append([""] + pair + Array(repeating: "", count: 4 - pair.count))
        }
        if let notifications = ring.notifications {
            rows.append([
                "", "notifications (F_NOTIF)", NumberFormat.count(notifications), "flagged ZC_COPIED",
                NumberFormat.count(ring.zerocopyCopied ?? 0),
            ])
        }
        return rows
    }

    /// Whose counters the peer line holds, and what they leave out.
    static func peerHeading(_ role: String?) -> String {
        switch role {
        case "sender": "the sender, on its own thread (its sendfile calls are not in the receiver's counters):"
        case "client": "the client, on its own thread (its counters are not in the server's):"
        case "curl":
            "the client, curl, a process of its own: its whole life, start-up included; it reads the socket with recv(2), "
                + "which /proc does not count, and wchar is the file it wrote and the line of its --write-out:"
        default: "the receiver, on its own thread (its counters are not in the sender's):"
        }
    }

    /// The request, the answer and the client of a download.
    static func httpLine(_ http: RunRecord.HTTPRun) -> String {
        let exchange = http.exchange
        var text =
            "\(exchange.request ?? "no request") \u{2192} \(exchange.status.rawValue) \(exchange.status.reason): "
            + "a \(NumberFormat.count(exchange.headBytes))-byte head, then \(ByteSize.format(exchange.bodyBytes)) of body; "
            + "the request took \(exchange.requestReads) read\(exchange.requestReads == 1 ? "" : "s") and the head "
            + "\(exchange.headWrites) write\(exchange.headWrites == 1 ? "" : "s")"
        if http.client == "curl" {
            text +=
                "; the client: curl (\(http.clientPath ?? "curl")), exit status \(http.clientExit.map(String.init) ?? "?")"
                + ", it reported status \(http.clientStatus.map(String.init) ?? "none")"
        } else {
            text += "; the client: zctour's own client thread (curl is not installed, or ZCTOUR_HTTP_CLIENT=thread)"
        }
        return text
    }

    /// When a deleted, mapped file went (inotify, exact), and where its blocks came back (the
    /// filesystem's free space, which others' writes move too).
    static func spaceLine(_ space: HeldSpace) -> String {
        func signed(_ bytes: Int) -> String { bytes < 0 ? "-" + ByteSize.format(-bytes) : ByteSize.format(bytes) }
        let gone =
            space.inodeGoneAtUnmap
            ? "the file itself went at the munmap, not at the unlink (inotify's IN_DELETE_SELF came then)"
            : space.inodeGoneAtUnlink
                ? "the file itself went at the unlink (inotify's IN_DELETE_SELF came then)"
                : "inotify's IN_DELETE_SELF, which says when the file itself goes, did not come"
        return gone + "; free space of the temporary directory's filesystem (\(space.filesystem), statvfs): "
            + "the unlink freed \(signed(space.freedAtUnlink)), the munmap \(signed(space.freedAtUnmap)); other programs "
            + "writing to the same filesystem move these figures too"
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
