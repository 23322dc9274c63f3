import ArgumentParser
import Glibc
import Syscalls
import ZeroCopy

/// The interactive tour and the transcript runner. Both read command lines and run them with
/// the same parser as the command line; the first edits lines with libedit on a terminal, the
/// second reads a script or a pipe and echoes each command after the prompt.
public final class PromptLoop {
    let context: TourContext
    /// The signal that stopped the last command, if one did.
    private var lastSignal: Int32?

    public init(context: TourContext) {
        self.context = context
        context.mode = .guided
    }

    /// The outcome of one line: a signal that ended the session carries its number.
    enum Outcome: Equatable {
        case ok, failed, quit
        case signalled(Int32)
    }

    /// How deep `script` calls are nested, so a script that runs itself stops with an error.
    static let maximumScriptDepth = 8

    /// Runs one command line; errors are printed as one line and reported as `.failed`.
    /// Ctrl-C during a demo stops it, removes its temporary files, and returns to the prompt;
    /// SIGTERM and SIGHUP do the same and end the session.
    func execute(_ line: String) -> Outcome {
        let words = CommandTokenizer.split(line)
        guard let first = words.first, !first.hasPrefix("#") else { return .ok }
        if Interruption.pending == SIGINT { Interruption.clear() }  // a late Ctrl-C from the last command
        lastSignal = nil
        context.style.width = context.fixedWidth ?? Style.terminalWidth()  // the window may have been resized
        return guarded(first) {
            try CommandCatalog.shared.checkCommandName(first)
            if first == "help", words.count > 1 { try CommandCatalog.shared.checkCommandName(words[1]) }
            if first == TraceChildCommand.configuration.commandName {
                throw UsageError("\(first) is zctour's own, for the tracer; use trace DEMO")
            }
            var command = try ZCTour.parseAsRoot(words)
            if let runnable = command as? TourCommand {
                try withOutputOptions(runnable.output) { try runnable.execute(in: context) }
            } else {
                try command.run()  // help: ends in the parser's help message
            }
        }
    }

    /// Runs `body` and turns what it throws into an outcome and one line on stderr.
    func guarded(_ name: String, _ body: () throws -> Void) -> Outcome {
        do {
            try body()
            return context.script.quitRequested ? .quit : .ok
        } catch let error as Interrupted {
            return interrupted(error.signal)
        } catch let error as UsageError {
            report("error: \(error)")
        } catch let error as RuntimeFailure {
            if let signal = Interruption.pending { return interrupted(signal) }
            report("error: \(error)")
        } catch let error as ExitCode {
            return error.rawValue == 0 ? .ok : .failed
        } catch {
            let code = ZCTour.exitCode(for: error)
            if code == .success {
                context.say(ZCTour.fullMessage(for: error))
                return .ok
            }
            report("error: \(ZCTour.message(for: error)) (help \(name) shows its usage)")
        }
        return .failed
    }

    /// A demo stopped by a signal: its files are removed; Ctrl-C returns to the prompt, SIGTERM
    /// and SIGHUP end the session.
    private func interrupted(_ signal: Int32) -> Outcome {
        lastSignal = signal
        context.runner.close()
        Interruption.clear()
        if isatty(STDOUT_FILENO) == 1 { context.say("") }  // past the ^C the terminal echoed
        let error = Interrupted(signal: signal)
        report("\(error.endsSession ? "\(error)" : "interrupted"): the demo stopped and its temporary files were removed")
        return error.endsSession ? .signalled(signal) : .failed
    }

    /// A command's own --json, --no-color and --width apply to that command at the prompt too.
    private func withOutputOptions(_ options: OutputOptions, _ body: () throws -> Void) throws {
        let saved = (context.format, context.style, Language.current)
        defer { (context.format, context.style, Language.current) = saved }
        if let language = try options.language() { Language.current = language }
        if options.json { context.format = .json }
        if options.noColor { context.style.color = false }
        if let width = options.width {
            context.style = try options.style()
            context.style.width = width
        }
        try body()
    }

    private func report(_ message: String) {
        fflush(nil)
        StandardError.line(context.style.red(message))
    }

    var prompt: String {
        let label = (try? context.guide().promptLabel) ?? "zctour"
        return context.style.color ? "\u{1}\u{1B}[1;36m\u{1}\(label)>\u{1}\u{1B}[0m\u{1} " : "\(label)> "
    }

    /// The interactive tour on a terminal. Returns the exit status.
    public func runInteractive() -> Int32 {
        let guide: GuidedTour
        do { guide = try context.guide() } catch {
            StandardError.line("zctour: \(error)")
            return 1
        }
        guard
            let editor = LineEditor(
                historyPath: guide.state.file("history"),
                completer: Completer(lessons: guide.library.lessons))
        else {
            StandardError.line("zctour: cannot start line editing on this terminal; piping commands in works without it")
            return 1
        }
        let foreground = TerminalForeground.take()
        context.predictions.ask = { question in  // a prediction's guess, on the same line editor
            if case .line(let answer) = editor.read(prompt: question) { return answer }
            return nil
        }
        defer {
            context.predictions.ask = nil
            editor.close()
            context.runner.close()
            foreground.restore()
        }
        let style = context.style
        context.runner.announcePreparations(style: style)
        if !guide.canSave { StandardError.line(style.yellow("zctour: \(guide.saveProblem ?? "") (progress and history will not be kept)")) }
        if case .signalled(let signal) = welcome(guide) { return 128 + signal }
        while true {
            switch editor.read(prompt: prompt) {
            case .end:
                context.say("")
                return 0
            case .interrupted:
                let signal = Interruption.pending
                Interruption.clear()
                if let signal, signal != SIGINT { return 128 + signal }
                context.say("")
            case .line(let line):
                editor.remember(line)
                switch execute(line) {
                case .quit: return 0
                case .signalled(let signal): return 128 + signal
                case .ok, .failed: break
                }
            }
        }
    }

    func welcome(_ guide: GuidedTour) -> Outcome {
        let style = context.style
        if let warning = guide.warning { StandardError.line(style.yellow("zctour: \(warning)")) }
        if guide.isFirstStart {
            context.say(
                style.bold("Welcome to zctour,") + " a live tour of zero-copy I/O on Linux. Every number you will see is\n"
                    + "measured now, on this machine, by the kernel's own counters; every demo checks its bytes.\n")
            _ = execute("lessons")
            context.say(style.dim("\nType next to go on, help for the commands, Tab to complete, Ctrl-D to leave.\n"))
        } else {
            context.say(
                Strings.welcomeBack(style.bold, position: guide.position, done: guide.challengesDone) + "\n"
                    + style.dim(Strings.returningHint.text + "\n"))
        }
        return guarded("next") { try guide.show(in: context) }
    }

    /// Runs lines as a transcript: each echoed after the prompt, then its output. Returns the
    /// number of commands that failed, or the signal that stopped it (Ctrl-C stops a script).
    public func runTranscript<Lines: Sequence>(_ lines: Lines) -> (failures: Int, signal: Int32?) where Lines.Element == String {
        var failures = 0
        for raw in lines {
            let line = raw.hasSuffix("\n") ? String(raw.dropLast()) : raw
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            context.say("\n" + prompt.replacingEscapeMarkers() + trimmed)
            switch execute(trimmed) {
            case .ok: break
            case .failed:
                failures += 1
                if let signal = lastSignal { return (failures, signal) }
            case .quit: return (failures, nil)
            case .signalled(let signal): return (failures, signal)
            }
        }
        return (failures, nil)
    }

    /// Lines from standard input, until end of file.
    public static func standardInputLines() -> AnySequence<String> {
        AnySequence {
            AnyIterator { readLine(strippingNewline: true) }
        }
    }
}
