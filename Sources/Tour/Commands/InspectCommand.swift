import ArgumentParser
import Foundation
import Glibc
import Probe
import Syscalls

/// `inspect -- CMD [ARGS...]`: any program under ptrace, following its threads, forks and execs,
/// and the zero-copy question answered about it. `inspect --peer NAME`: a built-in case, a real
/// program on the tour's own sample, the only kind a lesson may run.
public struct InspectCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Run a program under ptrace and show where its bytes went: through user space or inside the kernel.",
        discussion: """
            zctour inspect -- cp big copy. The report goes to standard error (or -o FILE), the program keeps \
            its own standard output and error, and its exit status is passed through (125: inspect itself \
            failed, e.g. ptrace is not permitted; 126: not executable; 127: not found). By default inspect \
            stops only at the calls it must decode (a seccomp filter) and takes the read/write totals from \
            the kernel's own counters; --every-call stops at every call, like strace -f -c. \
            --peer NAME runs a built-in case on the tour's own sample: \(PeerCase.all.map(\.id).joined(separator: ", ")).
            """)

    @Flag(name: .long, help: "Stop at every syscall, like strace -f -c: counts every call and the bytes per descriptor.")
    var everyCall = false

    @Flag(inversion: .prefixedNo, help: "Count the program's child processes too (they are traced either way).")
    var follow = true

    @Flag(name: .long, help: "A table per thread besides the one per process.")
    var threads = false

    @Option(name: .long, help: "Show the first N calls decoded, like strace.")
    var lines: Int?

    @Option(name: .shortAndLong, help: "Write the report to FILE instead of standard error.")
    var outputFile: String?

    @Option(name: .long, help: "Inspect a built-in case on the tour's own sample instead of a command.")
    var peer: String?

    @Option(name: .long, help: "With --peer: the sample's size (default 64M).")
    var size: String?

    @OptionGroup public var output: OutputOptions

    /// Words before `--`: a program given without it, which gets one line saying where `--` goes.
    @Argument(help: .hidden)
    var beforeTerminator: [String] = []

    /// Everything after `--`, options included: the program's, never inspect's.
    @Argument(parsing: .postTerminator, help: "The program and its arguments, after --.")
    var command: [String] = []

    public init() {}

    /// The program and its arguments, without the `--` that separates them from inspect's options.
    var program: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    public func execute(in context: TourContext) throws {
        if let lines, lines < 0 { throw UsageError("--lines must be 0 or more, not \(lines)") }
        if !beforeTerminator.isEmpty {
            throw UsageError(
                "put -- before the program, so that its options stay its own: zctour inspect -- \(beforeTerminator.joined(separator: " "))")
        }
        let options = Inspector.Options(everyCall: everyCall, followChildren: follow, threadsApart: threads, lines: lines ?? 0)
        if let peer {
            if outputFile != nil { throw UsageError("-o goes with -- CMD; a peer case's report is printed like any command's") }
            return try PeerInspection.run(peer, size: size, command: program, options: options, in: context)
        }
        if size != nil { throw UsageError("--size goes with --peer: a command's files are its own") }
        guard let name = program.first else {
            throw UsageError(
                "inspect needs a program: zctour inspect -- CMD [ARGS...], or a built-in case: --peer "
                    + PeerCase.all.map(\.id).joined(separator: "|"))
        }
        if context.scope == .lesson {
            throw UsageError("a lesson may inspect only built-in cases (inspect --peer NAME), never a command line of its own")
        }
        // Made now, so a bad path fails before the program runs.
        let file = try outputFile.map { try ExportCommand.openOutput($0) }
        defer { file?.discard() }
        let path: String
        do {
            path = try CommandPath.resolve(name, path: ProcessInfo.processInfo.environment["PATH"])
        } catch {
            StandardError.line("zctour: inspect: \(error)")
            throw ExitCode(error.exitStatus)
        }
        let inspection: Inspection
        do {
            inspection = try Inspector.run(
                path, command: program, environment: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" },
                options: options, stopRequested: { Interruption.pending != nil })
        } catch let refused as Tracer.Refused {
            StandardError.line("zctour: inspect: \(refused.reason); \(name) was not run")
            throw ExitCode(125)
        } catch let failed as Tracer.StartFailed {
            StandardError.line("zctour: inspect: \(failed.description)")
            throw ExitCode(126)
        }
        if inspection.interrupted {
            let signal = Interruption.pending ?? SIGINT
            StandardError.line("zctour: inspect: stopped; \(name) and every process it started were killed")
            throw Interrupted(signal: signal)
        }
        let verdict = InspectVerdict(inspection) { id in try? context.library().lessons.first { $0.id == id }?.number }
        let report: String
        if context.json || output.json {
            report = try InspectCommand.json(JSONDocument.Inspect(inspection: inspection, verdict: verdict, peer: nil))
        } else {
            var style = try output.style(for: STDERR_FILENO)
            if file != nil {
                style.color = false
                style.width = output.width ?? 100
            }
            report = InspectView.render(inspection, verdict: verdict, style: style)
        }
        if let file {
            try file.commit(report + "\n")
        } else {
            StandardError.line(report)
        }
        if inspection.exitStatus != 0 { throw ExitCode(inspection.exitStatus) }
    }

    static func json<T: Encodable>(_ document: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}

extension JSONDocument {
    /// `zctour.inspect/1`: the inspection's own fields, its verdict, and for a built-in case
    /// what was verified at its destination.
    struct Inspect: Encodable {
        let inspection: Inspection?
        let verdict: InspectVerdict?
        let peer: PeerSummary?

        struct PeerSummary: Encodable {
            let id: String
            let summary: String
            let size: Int
            let skipped: String?
            let verified: Bool?
            let bytes: Int?
            let checksum: String?
            let verification: String?
            /// The launcher script found on PATH, when the case inspected the executable it runs instead.
            var launcher: String? = nil
        }

        enum CodingKeys: String, CodingKey { case schema, verdict, peer }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(JSONSchema.inspect, forKey: .schema)
            try container.encodeIfPresent(verdict, forKey: .verdict)
            try container.encodeIfPresent(peer, forKey: .peer)
            try inspection?.encode(to: encoder)  // its fields beside these, in one object
        }
    }
}
