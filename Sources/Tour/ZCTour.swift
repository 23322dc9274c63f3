import ArgumentParser
import Glibc
import ZeroCopy

/// The `zctour` command: its subcommands are the command language the lessons use too.
public struct ZCTour: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "zctour",
        abstract: "A live tour of zero-copy I/O on Linux: real syscalls, counted by the kernel.",
        discussion: "Start with 'zctour list', then 'zctour lesson 1'.",
        subcommands: [ListCommand.self, LessonCommand.self, RunCommand.self, CompareCommand.self])

    public init() {}

    public func run() throws {
        var list = ListCommand()
        list.output = OutputOptions()
        try list.run()
    }

    /// The program: parses, runs, and turns every error into one line and an exit status:
    /// 0 for success and help, 2 for bad input, 1 for a failure while running,
    /// 130 after Ctrl-C and 143 after SIGTERM (the temporary files are removed first).
    public static func main(_ arguments: [String]) -> Int32 {
        Interruption.install()
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as UsageError {
            StandardError.line("zctour: \(error)")
            return 2
        } catch let error as RuntimeFailure {
            StandardError.line("zctour: \(error)")
            return Interruption.pending.map { 128 + $0 } ?? 1
        } catch let error as Interrupted {
            StandardError.line("zctour: \(error); temporary files removed")
            return 128 + error.signal
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            if code.rawValue == ExitCode.validationFailure.rawValue {
                StandardError.line("zctour: \(message(for: error)) (see 'zctour --help')")
                return 2
            }
            StandardError.line("zctour: \(message(for: error))")
            return 1
        }
    }
}
