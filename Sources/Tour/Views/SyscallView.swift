import ArgumentParser
import Foundation
import Probe
import ZeroCopy

/// The traced counts on the terminal: a table like `strace -c`, sorted by calls.
enum SyscallView {
    static func render(_ record: RunRecord, style: Style) -> String? {
        if let reason = record.traceUnavailable { return style.yellow("  syscalls not traced: \(reason)") }
        guard let syscalls = record.syscalls else { return nil }
        var lines = [style.bold("  syscalls in the window")]
        let complete = record.traceHistoryComplete == true
        let history =
            complete
            ? "counted under ptrace in a separate run that first did what this process did before the run (its sample written, the same runs in the same order), so even its memory calls are the measured run's"
            : "counted under ptrace in a separate run of the same demo, after the same runs of this command"
        lines += TextWrapper.wrap(
            history + "; ptrace makes it many times slower, so the times above come from the untraced run",
            width: style.width, first: "  ", rest: "  "
        ).map { style.dim($0) }
        let marked = complete ? [] : Set(syscalls.keys).intersection(SyscallView.allocatorCalls)
        lines.append(table(syscalls, style: style, marked: marked))
        if !marked.isEmpty {
            lines += TextWrapper.wrap(
                "~ \(marked.sorted().joined(separator: ", ")) also serve malloc: whether a buffer comes from its heap (brk) or from a "
                    + "mapping of its own (mmap, munmap) depends on what the process allocated and freed before (glibc's dynamic "
                    + "mmap threshold); this session ran other commands first, which the traced run did not repeat, so these counts "
                    + "may differ from the measured run's",
                width: style.width, first: "  ", rest: "    "
            ).map { style.yellow($0) }
        }
        if let peer = record.peerSyscalls {
            let who =
                switch record.peerRole {
                case "sender": "the sender thread"
                case "client": "the client thread"
                case "curl": "curl, the client process"
                default: "the receiver thread"
                }
            lines.append(style.dim("  \(who), in the same window:"))
            lines.append(table(peer, style: style))
        }
        if let traced = record.traceLines, !traced.isEmpty {
            lines.append(style.dim("  the first \(traced.count) calls:"))
            // A call too long for the width continues on the next line, marked, like code.
            lines += traced.map {
                ("    " + $0).visibleWidth > style.width ? MarkdownText.code([$0], language: "", style: style) : "    " + $0
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The calls glibc's malloc makes too, whose count depends on the process's allocation history.
    static let allocatorCalls: Set<String> = ["brk", "mmap", "munmap", "mremap", "madvise"]

    static func table(_ counts: [String: Tracer.Count], style: Style, marked: Set<String> = []) -> String {
        var table = Table(columns: [Table.Column("syscall", right: false), Table.Column("calls"), Table.Column("errors")])
        let sorted = counts.sorted { $0.value.calls != $1.value.calls ? $0.value.calls > $1.value.calls : $0.key < $1.key }
        for (name, count) in sorted {
            table.add([name + (marked.contains(name) ? " ~" : ""), NumberFormat.count(count.calls), NumberFormat.count(count.errors)])
        }
        table.add([
            style.bold("total"), style.bold(NumberFormat.count(counts.values.reduce(0) { $0 + $1.calls })),
            NumberFormat.count(counts.values.reduce(0) { $0 + $1.errors }),
        ])
        return table.render(style: style, indent: 4)
    }
}
