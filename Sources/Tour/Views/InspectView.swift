import Glibc
import Probe

/// `zctour inspect` for people: what mode gave which numbers, the verdict, then per process
/// the `strace -c`-style table, where the bytes went, the descriptors that carried them, and
/// what inspect could not see.
enum InspectView {
    static func render(_ inspection: Inspection, verdict: InspectVerdict, style: Style) -> String {
        var lines: [String] = []
        let command = inspection.command.map(InspectView.shellWord).joined(separator: " ")
        let mode = inspection.mode == .everyCall ? "--every-call" : "default mode"
        lines.append(
            style.bold("inspect \(style.dot) \(command)")
                + " \(style.dot) "
                + (inspection.signal.map { "killed by \(signalName($0)), status \(inspection.exitStatus)" }
                    ?? "exit status \(inspection.exitStatus)") + " \(style.dot) \(mode)")
        lines += wrap(modeNote(inspection), style: style, indent: "  ").map { style.dim($0) }
        lines += verdictLines(verdict, style: style)
        for (index, process) in inspection.processes.enumerated() {
            lines.append("")
            lines += processLines(process, isCommand: index == 0, inspection: inspection, style: style)
        }
        if inspection.processesNotFollowed > 0 {
            let count = inspection.processesNotFollowed
            lines.append("")
            lines += wrap(
                "\(count) child process\(count == 1 ? "" : "es") left out (--no-follow): traced all the same, since the seccomp filter they inherit needs its tracer, but not counted",
                style: style, indent: "  ")
        }
        if !inspection.tcpSockets.isEmpty {
            lines.append("")
            lines.append(style.bold("  TCP sockets") + style.dim(" (the kernel's tcp_info counters, whatever the calls)"))
            for socket in inspection.tcpSockets {
                lines.append(
                    "    \(socket.descriptor.what): sent \(ByteSize.format(socket.sent)), received \(ByteSize.format(socket.received))")
            }
        }
        if let decoded = inspection.lines, !decoded.isEmpty {
            lines.append("")
            let which = inspection.mode == .everyCall ? "calls" : "calls stopped at (the default mode stops at no plain read or write)"
            lines.append(style.dim("  the first \(decoded.count) \(which):"))
            lines += decoded.map { "    [\($0.pid)] \($0.call)" }
        }
        let stops = inspection.stops
        lines.append("")
        lines += wrap(
            "stops: \(NumberFormat.count(stops.seccomp)) seccomp, \(NumberFormat.count(stops.entries)) syscall entries,"
                + " \(NumberFormat.count(stops.exits)) exits, \(NumberFormat.count(stops.events)) events,"
                + " \(NumberFormat.count(stops.signals)) signals",
            style: style, indent: "  "
        ).map { style.dim($0) }
        // A command line, a path or a decoded call can be wider than any terminal: such lines
        // wrap under their own indent rather than run past the edge.
        return TextWrapper.fitLines(lines.joined(separator: "\n"), width: style.width)
    }

    static func modeNote(_ inspection: Inspection) -> String {
        if inspection.mode == .everyCall {
            return "every call was stopped at, like strace -f -c: the tables count every call, and the bytes per descriptor"
                + " are the sums of the reads' and writes' return values"
        }
        return "stopped only at the calls it decodes (descriptors, kernel copies, mmap, exec, exit); plain reads and writes"
            + " ran untraced, so their counts are the kernel's own, per process, not per descriptor; --every-call stops at every call"
    }

    static func verdictLines(_ verdict: InspectVerdict, style: Style) -> [String] {
        guard let first = verdict.lines.first else { return [] }
        let mark: String
        switch verdict.kind {
        case .kernel: mark = style.green("verdict:")
        case .userSpace: mark = style.yellow("verdict:")
        case .mixed, .noCopy: mark = style.bold("verdict:")
        }
        var lines = MarkdownText.wrap(first, width: style.width, first: "  \(mark) ", rest: "    ")
        for more in verdict.lines.dropFirst() { lines += MarkdownText.wrap(more, width: style.width, first: "    ", rest: "    ") }
        return lines
    }

    static func processLines(_ process: Inspection.Process, isCommand: Bool, inspection: Inspection, style: Style) -> [String] {
        var lines: [String] = []
        let role = isCommand ? "the command" : process.parent.map { "child of \($0)" } ?? "a child process"
        // A killed process did not exit: say which signal, with the status a shell would show.
        let exit =
            process.signal.map { " \(style.dot) killed by \(signalName($0)) (status \(process.exitStatus ?? 128 + $0))" }
            ?? process.exitStatus.map { " \(style.dot) exit \($0)" } ?? ""
        let threads = "\(process.tasks) thread\(process.tasks == 1 ? "" : "s")"
        let lost =
            process.tasksMeasured < process.tasks
            ? style.yellow(" (\(process.tasks - process.tasksMeasured) not measured: killed before their exit stop)") : ""
        lines.append(
            style.bold("process \(process.pid) \(process.name)") + " \(style.dot) \(role)\(exit) \(style.dot) \(threads)\(lost)")
        if !process.executables.isEmpty {
            lines += wrap("ran " + process.executables.joined(separator: ", then "), style: style, indent: "  ").map { style.dim($0) }
        }
        lines.append(syscallTable(process.syscalls, process: process, inspection: inspection, style: style))
        if !process.unfinished.isEmpty {
            let calls = process.unfinished.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            lines += wrap("entered and never returned (not in the table, as in strace -c): \(calls)", style: style, indent: "  ")
                .map { style.dim($0) }
        }
        lines += totalsLines(process, inspection: inspection, style: style)
        lines += bytesLines(process, style: style)
        lines += descriptorLines(process, style: style)
        lines += mappingLines(process, style: style)
        lines.append("  page faults  minor \(NumberFormat.count(process.minflt)), major \(NumberFormat.count(process.majflt))")
        if process.zerocopySends > 0 {
            lines += wrap(
                "MSG_ZEROCOPY: \(NumberFormat.count(process.zerocopySends)) sends, counted; their completions (on the socket's error queue) are not followed",
                style: style, indent: "  ")
        }
        if process.ioUringSetups + process.ioUringEnters > 0 {
            lines += wrap(
                "io_uring: \(process.ioUringSetups) ring\(process.ioUringSetups == 1 ? "" : "s") set up,"
                    + " \(NumberFormat.count(process.ioUringEnters)) io_uring_enter calls; inspect does not see what they submit,"
                    + " so the bytes they move are not in the figures above",
                style: style, indent: "  ")
        }
        if let threads = process.threads, threads.count > 1 {
            for thread in threads {
                lines.append("  thread \(thread.tid)")
                lines.append(syscallTable(thread.syscalls, process: nil, inspection: inspection, style: style, indent: 4))
            }
        }
        return lines
    }

    /// The calls by name, most first; in the default mode a call that stops only with some
    /// arguments says which, and the read and write families are the kernel's counts.
    static func syscallTable(
        _ counts: [String: Tracer.Count], process: Inspection.Process?, inspection: Inspection, style: Style, indent: Int = 2
    ) -> String {
        var table = Table(columns: [Table.Column("syscall", right: false), Table.Column("calls"), Table.Column("errors")])
        let conditions = Dictionary(
            (inspection.stoppedCalls ?? []).compactMap { call in call.condition.map { (call.name, $0) } },
            uniquingKeysWith: { first, _ in first })
        let sorted = counts.sorted { $0.value.calls != $1.value.calls ? $0.value.calls > $1.value.calls : $0.key < $1.key }
        for (name, count) in sorted {
            let label = conditions[name].map { "\(name) (\($0))" } ?? name
            table.add([label, NumberFormat.count(count.calls), NumberFormat.count(count.errors)])
        }
        table.add([
            style.bold(inspection.mode == .everyCall ? "total" : "total stopped at"),
            style.bold(NumberFormat.count(counts.values.reduce(0) { $0 + $1.calls })),
            NumberFormat.count(counts.values.reduce(0) { $0 + $1.errors }),
        ])
        if inspection.mode == .filtered, let process, let reads = process.ownReadCalls, let writes = process.ownWriteCalls {
            table.add(["read family (kernel's count)", NumberFormat.count(reads), "-"])
            table.add(["write family (kernel's count)", NumberFormat.count(writes), "-"])
        }
        return table.render(style: style, indent: indent)
    }

    /// The kernel's own read and write totals: the default mode's only count of plain reads and
    /// writes; with --every-call, beside what the calls seen predict.
    static func totalsLines(_ process: Inspection.Process, inspection: Inspection, style: Style) -> [String] {
        guard let totals = process.kernelTotals, let reads = process.ownReadCalls, let writes = process.ownWriteCalls else {
            return ["  read/write families: unavailable (no thread's /proc/TID/task/TID/io could be read at its exit)"]
        }
        let own = process.execveOwn
        let copies = process.kernelCopiesCounted
        let figures =
            "syscr \(NumberFormat.count(reads)), rchar \(ByteSize.format(totals.rchar - own.rchar)); "
            + "syscw \(NumberFormat.count(writes)), wchar \(ByteSize.format(totals.wchar - own.wchar))"
        var note =
            "read and write families: the kernel's own counts at each thread's exit (\(figures)): read, pread64, readv,"
            + " sendfile, copy_file_range and the like, not send*, recv* or splice."
        if copies.syscr + copies.syscw > 0 {
            let calls = Set(process.kernelCopies.map(\.call)).intersection(["sendfile", "copy_file_range"]).sorted()
            note +=
                " \(calls.joined(separator: " and ")) made \(copies.syscr) of the reads and \(copies.syscw) of the writes,"
                + " with \(ByteSize.format(copies.rchar)) each way that never entered user space."
        }
        if own.syscr > 0 {
            note += " execve's own \(own.syscr) reads (\(ByteSize.format(own.rchar))) of the program it loaded are left out."
        }
        if let predicted = process.predictedTotals {
            let agrees =
                predicted.syscr == reads && predicted.syscw == writes && predicted.rchar == totals.rchar - own.rchar
                && predicted.wchar == totals.wchar - own.wchar
            note +=
                agrees
                ? " The calls seen predict exactly these counts."
                : " The calls seen predict syscr \(predicted.syscr), rchar \(ByteSize.format(predicted.rchar)); syscw \(predicted.syscw), wchar \(ByteSize.format(predicted.wchar))."
        }
        return wrap(note, style: style, indent: "  ").map { style.dim($0) }
    }

    /// Kernel copies, and with --every-call the bytes through user space per descriptor.
    static func bytesLines(_ process: Inspection.Process, style: Style) -> [String] {
        var table = Table(columns: [
            Table.Column("bytes"), Table.Column("calls", dropOrder: 1), Table.Column("how", right: false, wraps: true),
            Table.Column("what", right: false, wraps: true),
        ])
        for copy in process.kernelCopies {
            let how =
                copy.errors == copy.calls
                ? "\(copy.call) failed: nothing moved"
                : "\(copy.call), in the kernel" + (copy.errors > 0 ? " (\(copy.errors) failed)" : "")
            table.add([
                ByteSize.format(copy.bytes), NumberFormat.count(copy.calls), how, "\(copy.from.what) \(style.arrow) \(copy.to.what)",
            ])
        }
        // The largest first; a program that reads many small files (Python's modules) has its
        // smallest rows summed in one line.
        var moves: [(bytes: Int, calls: Int, how: String, what: String)] = []
        for row in process.userSpace ?? [] {
            if row.readCalls > 0 { moves.append((row.readBytes, row.readCalls, "read into user space", row.descriptor.what)) }
            if row.writeCalls > 0 { moves.append((row.writtenBytes, row.writeCalls, "written from user space", row.descriptor.what)) }
        }
        moves.sort { $0.bytes > $1.bytes }
        let shown = 8
        for move in moves.prefix(shown) { table.add([ByteSize.format(move.bytes), NumberFormat.count(move.calls), move.how, move.what]) }
        var rest: [String] = []
        if moves.count > shown {
            let others = moves.dropFirst(shown)
            rest = wrap(
                "and \(ByteSize.format(others.reduce(0) { $0 + $1.bytes })) more in \(NumberFormat.count(others.reduce(0) { $0 + $1.calls }))"
                    + " calls on \(others.count) more descriptors; --json lists them all",
                style: style, indent: "    "
            ).map { style.dim($0) }
        }
        guard !table.rows.isEmpty else { return [] }
        return ["  where the bytes went", table.render(style: style, indent: 4)] + rest
    }

    /// Descriptors that are not plain files, files the kernel copied between, then the files
    /// that carried the most bytes through user space (every-call) or, in the default mode,
    /// which does not see which did, the files that were not mapped (as libraries and locales
    /// are), at most six of them; the rest counted.
    static func descriptorLines(_ process: Inspection.Process, style: Style) -> [String] {
        guard !process.descriptors.isEmpty else { return [] }
        let copied = Set(process.kernelCopies.flatMap { [$0.from.what, $0.to.what] })
        var carried: [String: Int] = [:]
        for row in process.userSpace ?? [] { carried[row.descriptor.what] = row.readBytes + row.writtenBytes }
        let mapped = Set(process.mappings.map(\.descriptor.what))
        let files = process.descriptors.filter { seen in
            seen.descriptor.kind == .file && !copied.contains(seen.descriptor.what)
                && (process.userSpace == nil ? !mapped.contains(seen.descriptor.what) : (carried[seen.descriptor.what] ?? 0) > 0)
        }
        let largestFirst = files.sorted { (carried[$0.descriptor.what] ?? 0) > (carried[$1.descriptor.what] ?? 0) }
        let chosen = Set(largestFirst.prefix(6).map(\.descriptor.what))
        let shown = process.descriptors.filter { seen in
            switch seen.descriptor.kind {
            case .directory: false
            case .file: copied.contains(seen.descriptor.what) || chosen.contains(seen.descriptor.what)
            default: true
            }
        }
        var lines = ["  descriptors"]
        for seen in shown {
            let fds = seen.fds.sorted().map(String.init).joined(separator: ",")
            lines += TextWrapper.fit(
                "    \(fds.padded(to: 4, right: true))  \(seen.descriptor.what)  \(style.dim("(\(seen.how))"))", width: style.width)
        }
        let rest = process.descriptors.count - shown.count
        if rest > 0 {
            lines += wrap("and \(rest) more files and directories opened; --json lists them all", style: style, indent: "    ").map {
                style.dim($0)
            }
        }
        return lines
    }

    static func mappingLines(_ process: Inspection.Process, style: Style) -> [String] {
        let files = process.mappings.filter { $0.descriptor.kind == .file }
        guard !files.isEmpty else { return [] }
        let largest = files.sorted { $0.bytes > $1.bytes }
        var lines = ["  file mappings (mmap of a descriptor)"]
        for mapping in largest.prefix(3) {
            lines += TextWrapper.fit(
                "    \(ByteSize.format(mapping.bytes)) in \(mapping.calls) mmap\(mapping.calls == 1 ? "" : "s")  \(mapping.descriptor.what)",
                width: style.width)
        }
        if largest.count > 3 {
            let rest = largest.dropFirst(3)
            lines.append(
                style.dim(
                    "    and \(rest.count) more file\(rest.count == 1 ? "" : "s"), \(ByteSize.format(rest.reduce(0) { $0 + $1.bytes }))"))
        }
        return lines
    }

    /// An argument as a shell would need it typed: as it is when plain, else in single quotes,
    /// so `sh -c 'cat f | wc -c'` does not read as a pipe into inspect.
    static func shellWord(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./=:,+@%".unicodeScalars.contains(scalar)
            }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func wrap(_ text: String, style: Style, indent: String) -> [String] {
        MarkdownText.wrap(text, width: style.width, first: indent, rest: indent)
    }

    /// `SIGKILL` for 9: the names people know, else the number.
    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS",
            SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
            SIGUSR1: "SIGUSR1", SIGUSR2: "SIGUSR2", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}
