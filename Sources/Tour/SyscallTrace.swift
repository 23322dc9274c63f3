import ArgumentParser
import Foundation
import Probe
import ZeroCopy

/// `--trace`: the exact syscalls of a demo's window, counted by re-running the same demo in a
/// child zctour under ptrace. The speed shown stays the untraced run's; the traced run only
/// counts. Its files go into this session's private directory, so they are removed with it.
enum SyscallTrace {
    /// Adds the traced counts to `record`, or the one-line reason they are missing.
    static func attach(to record: inout RunRecord, settings: RunSettings, lines: Int, session: Session) throws {
        var arguments = ["zctour", TraceChildCommand.configuration.commandName ?? "", settings.demo.rawValue]
        if settings.demo.options.contains(.buffer) { arguments += ["--buffer", String(settings.buffer)] }
        if settings.demo.options.contains(.size) { arguments += ["--size", String(settings.size)] }
        if settings.demo.options.contains(.to) { arguments += ["--to", settings.sink.rawValue] }
        if settings.cold { arguments.append("--cold") }
        if settings.direct { arguments.append("--direct") }
        // The child measures the parent's sample rather than writing a second copy.
        if settings.demo.movesFile, let sample = try? session.sample(size: settings.size) {
            arguments += ["--sample-path", sample.path, "--sample-checksum", sample.checksum.hex]
        }
        let workspace = try session.requireWorkspace()
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = workspace.path
        // The child's messages go to a file, shown only if it fails.
        let errorsPath = workspace.file("trace-stderr.txt")
        let errors = open(errorsPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            close(errors)
            unlink(errorsPath)
        }
        session.onPreparing?("tracing \(settings.demo.rawValue) in a separate run under ptrace")
        do {
            // /proc/self/exe: the running binary, even if it was rebuilt (and unlinked) meanwhile.
            let result = try Tracer.run("/proc/self/exe", arguments: arguments, environment: environment, errors: errors,
                                        lines: lines, stopRequested: { Interruption.pending != nil })
            try Interruption.check()
            guard result.exitStatus == 0, result.windowSeen else {
                let said = (try? String(contentsOfFile: errorsPath, encoding: .utf8))?
                    .split(separator: "\n").last.map { ": " + $0 } ?? ""
                throw RuntimeFailure("the traced run of \(settings.demo.rawValue) failed (exit status \(result.exitStatus))\(said)")
            }
            record.syscalls = result.demo
            record.peerSyscalls = result.others.isEmpty ? nil : result.others
            record.traceLines = lines > 0 ? result.lines.map(\.description) : nil
        } catch let refused as Tracer.Refused {
            record.traceUnavailable = refused.description
        } catch let failed as Tracer.StartFailed {
            throw RuntimeFailure(failed.description)
        }
    }
}

/// The traced child: runs one demo with marked windows and prints its record as JSON. Not for
/// people; `--trace` starts it.
struct TraceChildCommand: TourCommand {
    static let configuration = CommandConfiguration(
        commandName: "__trace-child", abstract: "Run one demo for the tracer (internal).", shouldDisplay: false)

    @Argument var demo: String
    @OptionGroup var options: DemoOptions
    @Option var samplePath: String?
    @Option var sampleChecksum: String?
    @OptionGroup var output: OutputOptions

    init() {}

    func execute(in context: TourContext) throws {
        context.session.marksWindows = true
        var settings = try options.settings(for: try DemoOptions.demo(named: demo))
        settings.repeatCount = 1
        if let samplePath, let text = sampleChecksum, let checksum = UInt64(text, radix: 16) {
            context.session.adopt(try SampleFile(existing: samplePath, size: settings.size, checksum: checksum))
        }
        let record = try context.session.run(settings)
        try context.emitJSON(JSONDocument.Run(run: record))
    }
}

/// The traced counts on the terminal: a table like `strace -c`, sorted by calls.
enum SyscallView {
    static func render(_ record: RunRecord, style: Style) -> String? {
        if let reason = record.traceUnavailable { return style.yellow("  syscalls not traced: \(reason)") }
        guard let syscalls = record.syscalls else { return nil }
        var lines = [style.bold("  syscalls in the window")]
        lines += MarkdownText.wrap("counted under ptrace in a separate run of the same demo; ptrace makes it many times slower, so the times above come from the untraced run",
                                   width: style.width, first: "  ", rest: "  ").map { style.dim($0) }
        lines.append(table(syscalls, style: style))
        if let peer = record.peerSyscalls {
            lines.append(style.dim("  the receiver thread, in the same window:"))
            lines.append(table(peer, style: style))
        }
        if let traced = record.traceLines, !traced.isEmpty {
            lines.append(style.dim("  the first \(traced.count) calls:"))
            lines += traced.map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func table(_ counts: [String: Tracer.Count], style: Style) -> String {
        var table = Table(columns: [Table.Column("syscall", right: false), Table.Column("calls"), Table.Column("errors")])
        let sorted = counts.sorted { $0.value.calls != $1.value.calls ? $0.value.calls > $1.value.calls : $0.key < $1.key }
        for (name, count) in sorted { table.add([name, Number.count(count.calls), Number.count(count.errors)]) }
        table.add([style.bold("total"), style.bold(Number.count(counts.values.reduce(0) { $0 + $1.calls })),
                   Number.count(counts.values.reduce(0) { $0 + $1.errors })])
        return table.render(style: style, indent: 4)
    }
}
