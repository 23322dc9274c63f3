import ArgumentParser
import Glibc
import ZeroCopy

/// A command that runs in a `TourContext`: the command line gives it a fresh one; a lesson
/// (and later the prompt) gives it a shared one, so one parser serves them all.
public protocol TourCommand: ParsableCommand {
    var output: OutputOptions { get }
    func execute(in context: TourContext) throws
}

extension TourCommand {
    public func run() throws {
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
