/// One line of the decision table: a need, the technique that meets it, and the evidence this
/// machine just produced for it. The advice is the tour's; every number is measured.
struct DecisionRow: Encodable, Equatable {
    let need: String
    let use: String
    let measured: String

    /// The table for the runs of `choose`; a line whose runs are missing is left out.
    static func table(_ records: [RunRecord], limit: RunRecord) -> [DecisionRow] {
        func run(_ demo: String) -> RunRecord? { records.first { $0.demo == demo } }
        func speed(_ record: RunRecord) -> String {
            NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds) + " ("
                + NumberFormat.percent(CompareView.rate(record) / max(CompareView.rate(limit), 1e-12)) + " of memcpy)"
        }
        /// Throughput and CPU against the loop: the CPU is what a technique saves even when the
        /// sink sets the pace.
        func against(_ record: RunRecord, _ baseline: RunRecord) -> String {
            NumberFormat.ratio(CompareView.rate(record) / max(CompareView.rate(baseline), 1e-12))
                + " the read-write loop's throughput, CPU "
                + NumberFormat.duration(nanoseconds: record.counters.cpuNanoseconds) + " against its "
                + NumberFormat.duration(nanoseconds: baseline.counters.cpuNanoseconds)
        }
        func calls(_ record: RunRecord) -> String {
            CompareView.syscalls(record).map { "\(NumberFormat.count($0)) read/write-type syscalls" } ?? "calls unseen by /proc"
        }
        var lines: [DecisionRow] = []
        guard let loop = run("read-write") else { return lines }
        let destination = RunView.sinkName(loop.sink)
        if let range = run("copy-file-range") {
            lines.append(
                DecisionRow(
                    need: "copy a file to another file", use: "copy_file_range",
                    measured: "\(speed(range)), \(against(range, loop)), \(calls(range)); "
                        + (range.notes.first ?? "the kernel copied it")))
        }
        if let copy = run("foundation-copy"), let range = run("copy-file-range") {
            let block = copy.blockSize.map { "\(ByteSize.format($0)) per call" } ?? "one st_blksize per call"
            lines.append(
                DecisionRow(
                    need: "copy a file with Swift's Foundation alone", use: "FileManager.copyItem (sendfile, \(block))",
                    measured: "\(speed(copy)), \(calls(copy)) against \(calls(range)) for copy_file_range; "
                        + "no byte in user space, but a syscall per block (lesson 11)"))
        }
        if let send = run("sendfile") {
            lines.append(
                DecisionRow(
                    need: "send a file, unchanged, to a socket", use: "sendfile (Go's io.Copy finds it)",
                    measured: "to \(destination): \(speed(send)), \(against(send, loop)), \(calls(send)) "
                        + "against \(CompareView.syscalls(loop).map(NumberFormat.count) ?? "n/a") for the loop; no byte in user space"
                        + (loop.sink == "socket" ? "" : "; 'choose --to socket' measures it to a socket")))
        }
        if let handle = run("filehandle"), let send = run("sendfile") {
            lines.append(
                DecisionRow(
                    need: "send a file to a socket with Swift's Foundation alone",
                    use: "FileHandle read and write (Foundation has no sendfile path)",
                    measured: "\(speed(handle)), \(calls(handle)) and \(NumberFormat.count(handle.allocations.count)) allocations "
                        + "against \(calls(send)) and \(NumberFormat.count(send.allocations.count)) for sendfile, which Glibc's Swift module lets you call (lesson 11)"
                ))
        }
        if let splice = run("splice") {
            lines.append(
                DecisionRow(
                    need: "move bytes between pipes, sockets and files, or tap them with tee", use: "splice, tee",
                    measured:
                        "to \(destination): \(speed(splice)), \(against(splice, loop)); /proc does not count its calls (trace splice does)")
            )
        }
        if let map = run("mmap") {
            lines.append(
                DecisionRow(
                    need: "read a large file and look at its bytes in place", use: "mmap",
                    measured: "\(speed(map)); \(NumberFormat.count(map.counters.minflt)) page faults instead of "
                        + "\(loop.counters.syscr.map(NumberFormat.count) ?? "n/a") reads; the write out of the mapping still copies"))
        }
        lines.append(
            DecisionRow(
                need: "process bytes as they stream through", use: "read/write with one reused buffer past the knee",
                measured: "\(ByteSize.format(loop.buffer)) buffer: \(speed(loop)), \(calls(loop)); 'sweep read-write' finds the knee here"))
        if let fresh = run("read-write-alloc") {
            lines.append(
                DecisionRow(
                    need: "keep a loop from allocating", use: "reuse the buffer (io.CopyBuffer, read(into:))",
                    measured: "\(NumberFormat.count(fresh.allocations.count)) allocations with a fresh buffer per chunk, "
                        + "\(NumberFormat.count(loop.allocations.count)) reused; \(against(fresh, loop))"))
        }
        if let copy = run("copy"), let slice = run("slice") {
            lines.append(
                DecisionRow(
                    need: "hand parts of a buffer to other code", use: "slices and views, not copies",
                    measured: "\(ByteSize.format(copy.size)) in \(ByteSize.format(copy.buffer)) pieces: copies moved "
                        + "\(ByteSize.format(copy.copiedBytes ?? 0)) in \(NumberFormat.count(copy.allocations.count)) allocations, slices "
                        + "\(ByteSize.format(slice.copiedBytes ?? 0)) in \(NumberFormat.count(slice.allocations.count)); "
                        + NumberFormat.ratio(CompareView.rate(slice) / max(CompareView.rate(copy), 1e-12)) + " as fast"))
        }
        if let zerocopy = run("msg-zerocopy"), let completions = zerocopy.zerocopy {
            lines.append(
                DecisionRow(
                    need: "send large user buffers to a real network card", use: "MSG_ZEROCOPY",
                    measured:
                        "on loopback \(NumberFormat.count(completions.sendsCopied)) of \(NumberFormat.count(completions.sendsCompleted)) sends "
                        + "were copied anyway; \(speed(zerocopy)), \(against(zerocopy, loop)); measure on the real NIC"))
        }
        return lines
    }

    static func render(_ decisions: [DecisionRow], style: Style) -> String {
        var lines = ["  " + style.bold("when to use what, measured on this machine")]
        for decision in decisions {
            lines.append("")
            lines += TextWrapper.wrap(
                "To \(decision.need): " + style.bold(decision.use) + ".", width: style.width, first: "  ", rest: "    ")
            lines += TextWrapper.wrap(style.dim(decision.measured), width: style.width, first: "    ", rest: "    ")
        }
        return lines.joined(separator: "\n")
    }
}
