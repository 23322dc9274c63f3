/// One line of the decision table: a need, the technique the textbook chooses for it, the
/// evidence this machine just produced, and this run's verdict on that choice. The advice is
/// the textbook's; every number is measured, and where the measurement does not bear the advice
/// out (no clear difference, or the other way round) the line says so, and what can cause it,
/// instead of recommending against its own numbers.
public struct DecisionRow: Encodable, Equatable {
    public let need: String
    public let use: String
    public let measured: String
    /// `agrees`, `no clear difference` or `contradicts`; nil for a line that compares nothing.
    public let verdict: String?
    /// The ratio the verdict is on: the chosen technique's throughput over the one it replaces.
    public let speed: RoundRatio?
    /// For an unclear or contrary verdict: what can make it so in this run.
    public let why: String?

    init(need: String, use: String, measured: String, verdict: Verdict? = nil) {
        self.need = need
        self.use = use
        self.measured = measured
        self.verdict = verdict?.word
        speed = verdict?.ratio
        why = verdict?.why
    }

    /// This run's word on a choice, from the per-round ratio.
    struct Verdict {
        let ratio: RoundRatio
        let word: String
        let text: String
        let why: String?

        /// `chosen` against `other`: the textbook says `chosen` moves the bytes faster.
        init(_ ratio: RoundRatio, against other: String, why reasons: [String]) {
            self.ratio = ratio
            switch ratio.verdict {
            case .higher:
                word = "agrees"
                text = "this run agrees: \(ratio.text) \(other)'s throughput"
                why = nil
            case .unclear:
                word = "no clear difference"
                text = "this run shows no clear difference from \(other): \(ratio.text)"
                why = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
            case .lower:
                word = "contradicts"
                text = "this run goes against it: \(ratio.text) \(other)'s throughput"
                why = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
            }
        }
    }

    /// The table for a `choose` comparison; a line whose rows are missing is left out, unless
    /// this machine refused its demo (`refusals`): then the line says why it was not measured.
    public static func table(_ comparison: Comparison, refusals: [DemoRefusal] = []) -> [DecisionRow] {
        var lines: [DecisionRow] = []
        guard let loop = comparison.row("read-write") else { return lines }
        let record = loop.shown
        let destination = RunView.sinkName(record.sink)
        let socket = record.sink == "socket"
        func speed(_ row: MeasuredRow) -> String {
            NumberFormat.throughput(bytes: row.shown.bytes, nanoseconds: row.shown.wallNanoseconds)
                + (comparison.ofLimit(row).map { " (\(NumberFormat.percent($0.median)) of memcpy, round by round)" } ?? "")
        }
        func cpu(_ row: MeasuredRow, _ other: MeasuredRow, _ name: String) -> String {
            Comparison.cpu(row, against: other).map { "CPU \($0.text) \(name)'s" } ?? ""
        }
        func calls(_ r: RunRecord) -> String {
            CompareView.syscalls(r).map { "\(NumberFormat.count($0)) read/write-type syscalls" } ?? "calls unseen by /proc"
        }
        /// What can blur or reverse a verdict between `row` and `other` in this run.
        func reasons(_ row: MeasuredRow, _ other: MeasuredRow, cache: Bool) -> [String] {
            var found: [String] = []
            let noisy = [row, other].filter(\.noise.marked).map(\.label)
            if !noisy.isEmpty {
                found.append(
                    "\(noisy.joined(separator: " and ")) \(noisy.count == 1 ? "was" : "were") preempted in some rounds: "
                        + "other programs blur the times (see 'preempted' under the table); --rounds \(RoundPlan.more(than: comparison.rounds)), or close them"
                )
            }
            if row.shown.sink == "socket" {
                let saving =
                    Comparison.cpu(row, against: other).map {
                        $0.isClear
                            ? ", and the sender's CPU shows the difference: \($0.text) \(other.label)'s"
                            : ", and the sender's CPU shows none either: \($0.text) \(other.label)'s"
                    }
                    ?? ""
                found.append("on loopback the receiver thread reads every byte, so its pace sets both rows' time\(saving)")
            } else if cache {
                found.append(
                    "the copy the loop adds goes into a 64 KiB buffer that stays in the CPU's cache, "
                        + "and both still copy every byte into the destination's page cache")
            }
            if found.isEmpty {
                found.append(
                    "the counts above still differ as the textbook says, but this run's times did not show it; measure again with --rounds \(RoundPlan.more(than: comparison.rounds))"
                )
            }
            return found
        }
        func verdict(_ row: MeasuredRow, over other: MeasuredRow, name: String, cache: Bool = false) -> Verdict? {
            guard let speed = Comparison.speed(row, against: other) else { return nil }
            var why = reasons(row, other, cache: cache)
            if let overrule = speed.overruledByCPU {
                why.insert(
                    "by time alone it was \(speed.text), but the CPU time did not agree "
                        + "(\(RoundRatio(range: overrule.cpu, verdict: .unclear).text)): the difference came from waiting for a core", at: 0
                )
            }
            return Verdict(speed, against: name, why: why)
        }
        func joined(_ parts: [String]) -> String { parts.filter { !$0.isEmpty }.joined(separator: "; ") }
        if let range = comparison.row("copy-file-range") {
            let v = verdict(range, over: loop, name: "the read-write loop", cache: true)
            lines.append(
                DecisionRow(
                    need: "copy a file to another file", use: "copy_file_range",
                    measured: joined([
                        v?.text ?? "", "\(speed(range)), \(cpu(range, loop, "the loop")), \(calls(range.shown))",
                        range.shown.notes.first ?? "the kernel copied it",
                    ]), verdict: v))
        }
        if let copying = comparison.row("foundation-copy"), let ranged = comparison.row("copy-file-range") {
            let (copy, range) = (copying.shown, ranged.shown)
            let block = copy.blockSize.map { "\(ByteSize.format($0)) per call" } ?? "one st_blksize per call"
            lines.append(
                DecisionRow(
                    need: "copy a file with Swift's Foundation alone", use: "FileManager.copyItem (sendfile, \(block))",
                    measured: "\(speed(copying)), \(calls(copy)) against \(calls(range)) for copy_file_range; "
                        + "no byte in user space, but a syscall per block (lesson 11)"))
        }
        if let send = comparison.row("sendfile") {
            let v = verdict(send, over: loop, name: "the read-write loop", cache: !socket)
            lines.append(
                DecisionRow(
                    need: "send a file, unchanged, to a socket", use: "sendfile (Go's io.Copy finds it)",
                    measured: joined([
                        "to \(destination): " + (v?.text ?? ""),
                        "\(speed(send)), \(cpu(send, loop, "the loop")), \(calls(send.shown)) against "
                            + "\(CompareView.syscalls(record).map(NumberFormat.count) ?? "n/a") for the loop; no byte in user space",
                        socket ? "" : "'choose --to socket' measures it to a socket",
                    ]), verdict: v))
        }
        if let handling = comparison.row("filehandle"), let sending = comparison.row("sendfile") {
            let (handle, send) = (handling.shown, sending.shown)
            lines.append(
                DecisionRow(
                    need: "send a file to a socket with Swift's Foundation alone",
                    use: "FileHandle read and write (Foundation has no sendfile path)",
                    measured: "\(speed(handling)), \(calls(handle)) and \(NumberFormat.count(handle.allocations.count)) allocations "
                        + "against \(calls(send)) and \(NumberFormat.count(send.allocations.count)) for sendfile, which Glibc's "
                        + "Swift module lets you call (lesson 11)"))
        }
        if let splice = comparison.row("splice") {
            let v = verdict(splice, over: loop, name: "the read-write loop", cache: !socket)
            lines.append(
                DecisionRow(
                    need: "move bytes between pipes, sockets and files, or tap them with tee", use: "splice, tee",
                    measured: joined([
                        "to \(destination): " + (v?.text ?? ""), "\(speed(splice)), \(cpu(splice, loop, "the loop"))",
                        "/proc does not count its calls (trace splice does)",
                    ]), verdict: v))
        }
        if let map = comparison.row("mmap") {
            var v = verdict(map, over: loop, name: "the read-write loop")
            if let found = v, found.ratio.verdict != .higher {
                var why = found.why.map { [$0] } ?? []
                why.insert("mmap trades the loop's reads for page faults, which cost time too", at: 0)
                v = Verdict(found.ratio, against: "the read-write loop", why: why.filter { !$0.hasPrefix("the counts above") })
            }
            lines.append(
                DecisionRow(
                    need: "read a large file and look at its bytes in place", use: "mmap",
                    measured: joined([
                        v?.text ?? "",
                        "\(speed(map)); \(NumberFormat.count(map.shown.counters.minflt, "page fault")) instead of "
                            + "\(record.counters.syscr.map(NumberFormat.count) ?? "n/a") reads; the write out of the mapping still copies",
                    ]), verdict: v))
        }
        lines.append(
            DecisionRow(
                need: "process bytes as they stream through", use: "read/write with one reused buffer past the knee",
                measured:
                    "\(ByteSize.format(record.buffer)) buffer: \(speed(loop)), \(calls(record)); 'sweep read-write' finds the knee here"))
        if let fresh = comparison.row("read-write-alloc") {
            var v = verdict(loop, over: fresh, name: "the allocating loop")
            if let found = v, found.ratio.verdict == .unclear, !loop.noise.marked, !fresh.noise.marked, !socket {
                v = Verdict(
                    found.ratio, against: "the allocating loop",
                    why: [
                        "glibc hands the freed buffer back at the next malloc, so a fresh \(ByteSize.format(fresh.shown.buffer)) buffer "
                            + "per chunk costs a malloc and a free, little next to copying the chunk twice"
                    ])
            }
            lines.append(
                DecisionRow(
                    need: "keep a loop from allocating", use: "reuse the buffer (io.CopyBuffer, read(into:))",
                    measured: joined([
                        v?.text ?? "",
                        "\(NumberFormat.count(fresh.shown.allocations.count)) allocations with a fresh buffer per chunk, "
                            + "\(NumberFormat.count(record.allocations.count)) reused",
                        cpu(loop, fresh, "the allocating loop"),
                    ]), verdict: v))
        }
        if let copy = comparison.row("copy"), let slice = comparison.row("slice") {
            let v = verdict(slice, over: copy, name: "the copying walk")
            lines.append(
                DecisionRow(
                    need: "hand parts of a buffer to other code", use: "slices and views, not copies",
                    measured: joined([
                        v?.text ?? "",
                        "\(ByteSize.format(copy.shown.size)) in \(ByteSize.format(copy.shown.buffer)) pieces: copies moved "
                            + "\(ByteSize.format(copy.shown.copiedBytes ?? 0)) in \(NumberFormat.count(copy.shown.allocations.count)) allocations, "
                            + "slices \(ByteSize.format(slice.shown.copiedBytes ?? 0)) in \(NumberFormat.count(slice.shown.allocations.count))",
                    ]), verdict: v))
        }
        if let serveLoop = comparison.row("http-loop"), let served = comparison.row("http-sendfile") {
            let (send, loop) = (served.shown, serveLoop.shown)
            lines.append(
                DecisionRow(
                    need: "serve a file download over HTTP", use: "sendfile after the head (Go: io.Copy with a Content-Length set)",
                    measured: "\(calls(send)) on the server against \(calls(loop)) for the post's 4 KiB loop; server CPU "
                        + "\(NumberFormat.duration(nanoseconds: send.counters.cpuNanoseconds)) against "
                        + "\(NumberFormat.duration(nanoseconds: loop.counters.cpuNanoseconds))" + DecisionRow.clientPace(send, loop)))
        }
        if let receiveLoop = comparison.row("recv-loop"), let spliced = comparison.row("recv-splice") {
            let (splice, loop) = (spliced.shown, receiveLoop.shown)
            // A verdict like every other line's: a clear 0.42× once stood here with no word on it.
            let v = verdict(spliced, over: receiveLoop, name: "the receiving loop")
            lines.append(
                DecisionRow(
                    need: "write what arrives on a socket to a file, unread", use: "splice socket → pipe → file",
                    measured: joined([
                        v?.text ?? "",
                        "CPU \(NumberFormat.duration(nanoseconds: splice.counters.cpuNanoseconds)) against "
                            + "\(NumberFormat.duration(nanoseconds: loop.counters.cpuNanoseconds)) for a read/write loop with a "
                            + "\(ByteSize.format(loop.buffer)) buffer; \(speed(spliced)) against \(speed(receiveLoop)); "
                            + "/proc does not count splice",
                    ]), verdict: v))
        }
        if let window = comparison.row("mmap-window")?.shown, let whole = comparison.row("mmap")?.shown,
            let small = window.residency?.growthBytes, let large = whole.residency?.growthBytes
        {
            lines.append(
                DecisionRow(
                    need: "read a file larger than the memory you mean to hold", use: "map a window at a time, unmapped with defer",
                    measured: "the resident set's peak rose \(ByteSize.format(small)) with \(ByteSize.format(window.buffer)) windows, "
                        + "\(ByteSize.format(large)) with one mapping of the whole \(ByteSize.format(whole.size)); "
                        + "\(NumberFormat.count(window.counters.minflt, "page fault")) against \(NumberFormat.count(whole.counters.minflt))"
                ))
        }
        let networkCard = "send large user buffers to a real network card"
        if let refusal = refusals.first(where: { $0.demo == "msg-zerocopy" }) {
            lines.append(DecisionRow(need: networkCard, use: "MSG_ZEROCOPY", measured: "not measured here: \(refusal.reason)"))
        }
        if let zerocopy = comparison.row("msg-zerocopy"), let completions = zerocopy.shown.zerocopy {
            let against = Comparison.speed(zerocopy, against: loop)
            lines.append(
                DecisionRow(
                    need: networkCard, use: "MSG_ZEROCOPY",
                    measured:
                        "on loopback \(NumberFormat.count(completions.sendsCopied)) of \(NumberFormat.count(completions.sendsCompleted)) sends "
                        + "were copied anyway, so this run cannot show its gain: \(speed(zerocopy))"
                        + (against.map { ", \($0.isClear ? $0.text : "no clear difference (\($0.text))") against the read-write loop" }
                            ?? "")
                        + "; measure on the real NIC"))
        }
        lines += ringRows(comparison, refusals: refusals, loop: loop, speed: speed)
        return lines
    }

    /// Who set a download's pace, where the rows say: the client, or nobody when the body fit in
    /// the sockets' buffers and the server's calls returned before it was read.
    static func clientPace(_ send: RunRecord, _ loop: RunRecord) -> String {
        if [send, loop].contains(where: MeasurementNotes.handedOverEarly) {
            return "; the body fit in the sockets' buffers, so the times are the hand-over, not the download: "
                + "a larger --size shows the client's pace"
        }
        return [send, loop].allSatisfy { MeasurementNotes.pacedByPeer($0) == true } ? "; the client sets the pace of both" : ""
    }

    /// io_uring's lines: fewer syscalls for the same copies into a file, a zero-copy send with its
    /// notifications into a socket. The textbook promises fewer calls, not speed, so the
    /// throughput is said against the loop without a verdict.
    static func ringRows(
        _ comparison: Comparison, refusals: [DemoRefusal], loop: MeasuredRow, speed: (MeasuredRow) -> String
    ) -> [DecisionRow] {
        var lines: [DecisionRow] = []
        let reading = "move a stream of chunks with few syscalls, still through your own buffer"
        let sending = "send large buffers without a copy and be told when they are free again"
        func against(_ row: MeasuredRow) -> String {
            Comparison.speed(row, against: loop).map {
                ($0.isClear ? $0.text : "no clear difference (\($0.text))") + " against the read-write loop"
            } ?? ""
        }
        if let read = comparison.row("uring-read"), let ring = read.shown.ring {
            lines.append(
                DecisionRow(
                    need: reading, use: "io_uring (a wave of reads and writes per io_uring_enter)",
                    measured: "\(NumberFormat.count(ring.enters)) io_uring_enter calls carried \(NumberFormat.count(ring.submitted)) "
                        + "operations, \(ring.queue) chunks in flight, against "
                        + "\(CompareView.syscalls(loop.shown).map(NumberFormat.count) ?? "n/a") read/write calls for the loop; every byte "
                        + "still copied in and out; \(speed(read)), \(against(read)); /proc counts none of it"))
        }
        if let send = comparison.row("uring-send-zc"), let ring = send.shown.ring {
            lines.append(
                DecisionRow(
                    need: sending, use: "io_uring SEND_ZC",
                    measured:
                        "on loopback \(NumberFormat.count(ring.zerocopyCopied ?? 0)) of \(NumberFormat.count(ring.notifications ?? 0)) "
                        + "notifications said the kernel copied anyway; \(NumberFormat.count(ring.enters)) io_uring_enter calls; "
                        + "\(speed(send)), \(against(send)); measure on the real NIC"))
        }
        for refusal in refusals where refusal.demo.hasPrefix("uring-") {
            lines.append(
                DecisionRow(
                    need: refusal.demo == "uring-send-zc" ? sending : reading, use: "io_uring",
                    measured: "not measured here: \(refusal.reason)"))
        }
        return lines
    }

    public static func render(_ decisions: [DecisionRow], style: Style) -> String {
        var lines = ["  " + style.bold("when to use what: the textbook's choice, and what this machine measured")]
        for decision in decisions {
            lines.append("")
            lines += TextWrapper.wrap(
                "To \(decision.need): " + style.bold(decision.use) + ".", width: style.width, first: "  ", rest: "    ")
            let measured =
                decision.verdict == nil || decision.verdict == "agrees" ? style.dim(decision.measured) : style.yellow(decision.measured)
            lines += TextWrapper.wrap(measured, width: style.width, first: "    ", rest: "    ")
            if let why = decision.why {
                lines += TextWrapper.wrap(style.dim("why that can happen: " + why), width: style.width, first: "    ", rest: "    ")
            }
        }
        return lines.joined(separator: "\n")
    }
}
