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
        lines += TextWrapper.wrap(
            "counted under ptrace in a separate run of the same demo; ptrace makes it many times slower, so the times above come from the untraced run",
            width: style.width, first: "  ", rest: "  "
        ).map { style.dim($0) }
        lines.append(table(syscalls, style: style))
        if let peer = record.peerSyscalls {
            lines.append(style.dim("  the receiver thread, in the same window:"))
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

    static func table(_ counts: [String: Tracer.Count], style: Style) -> String {
        var table = Table(columns: [Table.Column("syscall", right: false), Table.Column("calls"), Table.Column("errors")])
        let sorted = counts.sorted { $0.value.calls != $1.value.calls ? $0.value.calls > $1.value.calls : $0.key < $1.key }
        for (name, count) in sorted { table.add([name, NumberFormat.count(count.calls), NumberFormat.count(count.errors)]) }
        table.add([
            style.bold("total"), style.bold(NumberFormat.count(counts.values.reduce(0) { $0 + $1.calls })),
            NumberFormat.count(counts.values.reduce(0) { $0 + $1.errors }),
        ])
        return table.render(style: style, indent: 4)
    }
}
