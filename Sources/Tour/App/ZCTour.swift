import ArgumentParser
import Glibc
import Syscalls
import ZeroCopy

/// The `zctour` command: its subcommands are the command language the lessons use too.
public struct ZCTour: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "zctour",
        abstract: "A live tour of zero-copy I/O on Linux: real syscalls, counted by the kernel.",
        discussion: """
            Without a command, on a terminal, zctour starts the interactive tour; with commands piped \
            in, it runs them as a transcript. Every command below works at the prompt too.
            """,
        version: Version.current,
        subcommands: [
            ListCommand.self, LessonCommand.self, NextCommand.self, PrevCommand.self,
            RunCommand.self, CompareCommand.self, SweepCommand.self, ChooseCommand.self, TraceCommand.self, InspectCommand.self,
            SetCommand.self,
            ShowCommand.self, ExplainCommand.self,
            ResetCommand.self, ClearCommand.self, ScriptCommand.self, QuitCommand.self, TraceChildCommand.self,
            DoctorCommand.self, ExportCommand.self,
            ChallengeCommand.self, CheckCommand.self, ChecksCommand.self, HintCommand.self, SolutionCommand.self, PredictCommand.self,
            ProgressCommand.self, ReportCommand.self, RosterCommand.self,
            CheckAllCommand.self, LintCommand.self,
        ])

    @OptionGroup public var output: OutputOptions

    public init() {}

    /// No command: the interactive tour on a terminal, else a transcript of standard input.
    public func run() throws {
        if output.json { throw UsageError("--json goes with a command, e.g. zctour run read-write --json") }
        let runner = DemoRunner()
        defer { runner.close() }
        let context = TourContext(runner: runner, style: try output.style(), format: .text, mode: .guided)
        context.fixedWidth = output.width
        let loop = PromptLoop(context: context)
        if isatty(STDIN_FILENO) == 1 {
            let status = loop.runInteractive()
            if status != 0 { throw ExitCode(status) }
        } else {
            let result = loop.runTranscript(source: "standard input", PromptLoop.standardInput())
            if let signal = result.signal { throw ScriptInterrupted(signal: signal) }
            if let problem = result.inputError { throw result.inputIsBad ? UsageError(problem) as Error : RuntimeFailure(problem) }
            let failures = result.failures
            if failures > 0 { throw RuntimeFailure("\(failures) command\(failures == 1 ? "" : "s") failed") }
            if context.unsavedState != nil { throw ExitCode(1) }  // the warning said why
        }
    }

    /// The program as the kernel started it: each argument is taken as its bytes and refused
    /// unless it is a command line's text (UTF-8, no control character, not too long), since
    /// Swift would otherwise repair it silently and `-o \xff.md` would write another file.
    /// The program named after `inspect … --` is the learner's, with its own arguments: those
    /// pass as they are (a `python3 -c` script holds newlines), as long as they are UTF-8.
    public static func main() -> Int32 {
        var arguments: [String] = []
        for index in 1..<max(1, Int(CommandLine.argc)) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(
                UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            let programs = arguments.first == InspectCommand.configuration.commandName && arguments.contains("--")
            if programs, let text = String(validating: bytes, as: UTF8.self) {
                arguments.append(text)
                continue
            }
            do { arguments.append(try CommandLineText.text(bytes)) } catch {
                StandardError.line("zctour: argument \(index) \(error)")
                return 2
            }
        }
        return main(arguments)
    }

    /// The program: parses, runs, and turns every error into one line and an exit status:
    /// 0 for success and help, 2 for bad input, 1 for a failure while running (output that
    /// could not be written included), 130 after Ctrl-C and 143 after SIGTERM (the temporary
    /// files are removed first), 141 when the reader of standard output went away.
    public static func main(_ arguments: [String]) -> Int32 {
        Interruption.install()
        signal(SIGPIPE, SIG_IGN)
        let first = arguments.first ?? ""
        if first != DoctorCommand.configuration.commandName && first != TraceChildCommand.configuration.commandName {
            _ = Leftovers.reclaim(state: StateDirectory())  // what killed runs left; doctor says what it finds itself
        }
        var status = status(running: arguments)
        if let failed = StandardOutput.failureStatus, status < 128 {
            StandardOutput.reportFailure()
            status = failed
        }
        // A Ctrl-C or SIGTERM after the command's last look at it still ends the command as one.
        if status == 0, let signal = Interruption.pending {
            StandardError.line("zctour: \(Interrupted(signal: signal)) as the command ended; temporary files removed")
            status = 128 + signal
        }
        return status
    }

    static func status(running arguments: [String]) -> Int32 {
        do {
            if let choice = Language.commandLineChoice(arguments) {
                Language.current = try Language.parse(choice)
                Language.fromCommandLine = true
            }
            try CommandCatalog.shared.checkWords(arguments)
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as UsageError {
            StandardError.line("zctour: \(error)")
            return 2
        } catch let error as RuntimeFailure {
            StandardError.line("zctour: \(error)")
            return Interruption.pending.map { 128 + $0 } ?? 1
        } catch let error as ExitCode {
            return error.rawValue
        } catch let error as Interrupted {
            StandardError.line("zctour: \(error); temporary files removed")
            return 128 + error.signal
        } catch let stopped as ScriptInterrupted {
            return 128 + stopped.signal  // the script said where it stopped
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                StandardOutput.write(fullMessage(for: error) + "\n")
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
