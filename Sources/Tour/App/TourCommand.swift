import ArgumentParser
import Glibc
import ZeroCopy

/// A command that runs in a `TourContext`: the command line gives it a fresh one; a lesson
/// (and later the prompt) gives it a shared one, so one parser serves them all.
public protocol TourCommand: ParsableCommand {
    var output: OutputOptions { get }
    func execute(in context: TourContext) throws
    /// Whether `--json` gives a document (docs/json.md); a command without one refuses the flag
    /// rather than print its text to a program that asked for JSON.
    static var printsJSON: Bool { get }
}

extension TourCommand {
    public static var printsJSON: Bool { true }

    /// The one line for `--json` on a command that has no document.
    func refuseJSONIfNone() throws {
        guard output.json, !Self.printsJSON else { return }
        throw UsageError(
            "\(Self.configuration.commandName ?? "this command") prints no JSON document; leave out --json "
                + "(docs/json.md lists the commands that print one)")
    }

    public func run() throws {
        try refuseJSONIfNone()
        let runner = DemoRunner()
        defer { runner.close() }
        let style = try output.style()
        if isatty(STDERR_FILENO) == 1 && !output.json {
            runner.announcePreparations(style: style)
        }
        let context = TourContext(runner: runner, style: style, format: output.json ? .json : .text)
        context.fixedWidth = output.width
        try execute(in: context)
        if context.unsavedState != nil { throw ExitCode(1) }  // the warning said why
    }
}
