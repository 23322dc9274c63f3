import ArgumentParser
import Foundation
import Probe
import Syscalls
import ZeroCopy

/// `--trace`: the exact syscalls of a demo's window, counted by re-running the same demo in a
/// child zctour under ptrace, after the same history as the measured run (`TraceReplay`). The
/// speed shown stays the untraced run's; the traced run only counts. Its files go into this
/// session's private directory, so they are removed with it.
enum SyscallTrace {
    /// Adds the traced counts to `record`, or the one-line reason they are missing.
    static func attach(to record: inout RunRecord, settings: RunSettings, lines: Int, runner: DemoRunner) throws {
        var arguments = ["zctour", TraceChildCommand.configuration.commandName ?? "", settings.demo.id]
        if settings.demo.options.contains(.buffer) { arguments += ["--buffer", String(settings.buffer)] }
        if let file = settings.file {
            arguments += ["--file", file.path]  // the child examines and checksums it again, and only reads it
        } else if settings.demo.options.contains(.size) {
            arguments += ["--size", String(settings.size)]
        }
        if settings.demo.options.contains(.to) { arguments += ["--to", settings.sink.rawValue] }
        if settings.demo.options.contains(.queue) { arguments += ["--queue", String(settings.queue)] }
        if settings.cold { arguments.append(settings.coldConfirmed ? "--cold-anyway" : "--cold") }
        if settings.direct { arguments.append("--direct") }
        // The child repeats what this process did before the run (its own samples written, the
        // same runs in the same order), so its window is the measured run's, memory calls too.
        if let replay = record.replay {
            let encoded = try JSONEncoder().encode(replay)
            arguments += ["--replay", String(decoding: encoded, as: UTF8.self)]
        } else if settings.demo.usesSample, settings.file == nil, let sample = try? runner.samples.file(size: settings.size) {
            // Without a history to repeat, the child measures the parent's sample rather than
            // writing a second copy.
            arguments += ["--sample-path", sample.path, "--sample-checksum", sample.checksum.hex]
        }
        record.traceHistoryComplete = record.replay?.complete ?? false
        let workspace = try runner.samples.requireWorkspace()
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = workspace.path
        // The child's messages go to a file, shown only if it fails.
        let errorsPath = workspace.file("trace-stderr.txt")
        let errors = try Syscall.value(.open, path: errorsPath) { open(errorsPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        defer {
            close(errors)
            unlink(errorsPath)
        }
        runner.onPreparing?("tracing \(settings.demo.id) in a separate run under ptrace")
        do {
            // /proc/self/exe: the running binary, even if it was rebuilt (and unlinked) meanwhile.
            let result = try ProgressLine.shared.track("tracing \(settings.demo.id) under ptrace") { _ in
                try Tracer.run(
                    "/proc/self/exe", arguments: arguments, environment: environment, errors: errors,
                    lines: lines, stopRequested: { Interruption.pending != nil })
            }
            try Interruption.check()
            guard result.exitStatus == 0, result.windowSeen else {
                let said =
                    (try? String(contentsOfFile: errorsPath, encoding: .utf8))?
                    .split(separator: "\n").last.map { ": " + $0 } ?? ""
                throw RuntimeFailure("the traced run of \(settings.demo.id) failed (exit status \(result.exitStatus))\(said)")
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
