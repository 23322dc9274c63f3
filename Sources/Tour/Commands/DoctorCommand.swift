import ArgumentParser
import Glibc

/// `zctour doctor`: is this machine ready for the lessons? One line per check, and for each
/// warning or blocker what it means for the lessons and what to do. Exit status 1 when a
/// blocker stops the lessons from making their point (see `Doctor`), 0 otherwise.
public struct DoctorCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check this machine for the lessons: kernel, /proc, ptrace, temporary directory, page cache, noise, libedit, terminal.",
        discussion: "Exit status 1 if something blocks the lessons, 0 if they run (warnings say what they lose). Nothing is left behind.")

    @OptionGroup public var output: OutputOptions

    public init() {}

    struct Document: Encodable {
        let schema = JSONSchema.doctor
        let machine: Machine
        let checks: [Doctor.Finding]
        let blockers: Int
        let warnings: Int
    }

    public func execute(in context: TourContext) throws {
        let library = try? context.library()
        // Its own runner: the test files go into a private directory removed before returning.
        let runner = DemoRunner(procRoot: context.runner.procRoot)
        defer { runner.close() }
        let findings = Doctor(runner: runner, library: library, style: context.style, noColorAsked: output.noColor).run()
        runner.close()
        let blockers = findings.filter { $0.status == .blocker }.count
        let warnings = findings.filter { $0.status == .warning }.count
        if context.json {
            try context.emitJSON(Document(machine: .current(), checks: findings, blockers: blockers, warnings: warnings))
        } else {
            context.say(DoctorCommand.render(findings, machine: .current(), style: context.style))
        }
        if blockers > 0 { throw ExitCode(1) }
    }

    static func render(_ findings: [Doctor.Finding], machine: Machine, style: Style) -> String {
        var lines = [style.bold("zctour doctor") + " \(style.dot) " + machine.summary(dot: style.dot)]
        let titleWidth = (findings.map(\.title.count).max() ?? 0) + 2
        let indent = String(repeating: " ", count: 4 + titleWidth)
        let width = min(style.width, 120)
        for finding in findings {
            let mark: String
            switch finding.status {
            case .ok: mark = style.green(style.check)
            case .warning: mark = style.yellow("!")
            case .blocker: mark = style.red(style.cross)
            }
            let head = "  \(mark) " + style.bold(finding.title.padded(to: titleWidth))
            lines += TextWrapper.wrap(finding.finding, width: width, first: head, rest: indent)
            if let meaning = finding.meaning {
                lines += TextWrapper.wrap(meaning, width: width, first: indent + style.dim("means: "), rest: indent + "       ")
            }
            if let action = finding.action {
                lines += TextWrapper.wrap(action, width: width, first: indent + style.dim("do:    "), rest: indent + "       ")
            }
        }
        let blockers = findings.filter { $0.status == .blocker }
        let warnings = findings.filter { $0.status == .warning }.count
        let ok = findings.count - blockers.count - warnings
        let counts = "\(ok) ok, \(warnings) warning\(warnings == 1 ? "" : "s")"
        lines.append("")
        if blockers.isEmpty && warnings == 0 {
            lines.append(style.green("Ready: \(counts)."))
        } else if blockers.isEmpty {
            let verdict = "Ready, with warnings: \(counts). The lessons run; the warnings say what they lose."
            lines += TextWrapper.wrap(verdict, width: width).map(style.yellow)
        } else {
            let verdict =
                "Not ready: \(blockers.count) blocker\(blockers.count == 1 ? "" : "s") ("
                + blockers.map(\.title).joined(separator: ", ") + "), \(counts)."
            lines += TextWrapper.wrap(verdict, width: width).map(style.red)
        }
        return lines.joined(separator: "\n")
    }
}
