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
    /// Where the line being run comes from (`standard input, line 3`), for the message that
    /// says where an interruption stopped a transcript.
    private var location: String?

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
        lastSignal = nil
        context.style.width = context.fixedWidth ?? Style.terminalWidth()  // the window may have been resized
        return guarded(first) {
            do { try CommandLineText.check(line) } catch { throw UsageError("this line \(error)") }
            if let quote = CommandTokenizer.unclosedQuote(line) {
                throw UsageError("this line opens a \(quote) quote and never closes it; close it, or leave it out")
            }
            try CommandCatalog.shared.checkWords(words)
            if first == TraceChildCommand.configuration.commandName {
                throw UsageError("\(first) is zctour's own, for the tracer; use trace DEMO")
            }
            var command = try ZCTour.parseAsRoot(words)
            if let runnable = command as? TourCommand {
                try runnable.refuseJSONIfNone()
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
        } catch let stopped as ScriptInterrupted {
            // The script said where it stopped; here its signal only ends what ran it.
            lastSignal = stopped.signal
            context.runner.close()
            return Interrupted(signal: stopped.signal).endsSession ? .signalled(stopped.signal) : .failed
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
        // The section stopped: its questions will not be measured, and what was typed at one
        // of them is not run after a stop the learner asked for.
        context.predictions.pending = []
        context.predictions.typedAhead = nil
        Interruption.clear()
        if isatty(STDOUT_FILENO) == 1 { context.say("") }  // past the ^C the terminal echoed
        let error = Interrupted(signal: signal)
        let place = location.map { " at \($0)" } ?? ""
        report("\(error.endsSession ? "\(error)" : "interrupted")\(place): the demo stopped and its temporary files were removed")
        return error.endsSession ? .signalled(signal) : .failed
    }

    /// A command's own --json, --no-color and --width apply to that command at the prompt too.
    private func withOutputOptions(_ options: OutputOptions, _ body: () throws -> Void) throws {
        let saved = (context.format, context.style, context.fixedWidth)
        defer { (context.format, context.style, context.fixedWidth) = saved }
        // A line's own --lang is for that line; `set lang` on it lasts.
        if let language = try options.language() {
            let before = Language.current
            Language.current = language
            defer { Language.current = before }
            try withOutputOptions(OutputOptions.without(language: options), body)
            return
        }
        if options.json { context.format = .json }
        if options.noColor { context.style.color = false }
        if let width = options.width {
            context.style = try options.style()
            context.style.width = width
            context.fixedWidth = width
        }
        if options.json {
            try ProgressLine.shared.suspended(body)  // a document for a program, with nothing drawn beside it
        } else {
            try body()
        }
    }

    /// An error, on stderr: fitted to the width when one was asked for (a terminal wraps it).
    private func report(_ message: String) {
        fflush(nil)
        guard let width = context.fixedWidth else { return StandardError.line(context.style.red(message)) }
        for line in TextWrapper.fit(message, width: width) { StandardError.line(context.style.red(line)) }
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
            let editor = LineEditor(state: guide.state, completer: Completer(lessons: guide.library.lessons))
        else {
            StandardError.line("zctour: cannot start line editing on this terminal; piping commands in works without it")
            return 1
        }
        let foreground = TerminalForeground.take()
        context.predictions.ask = { [context] question in  // a prediction's guess, on the same line editor
            switch editor.read(prompt: question) {
            case .line(let answer): return answer
            case .end:
                // Ctrl-D, as Ctrl-C: the question is taken back, said so, and the section goes on.
                context.say(context.style.dim(Strings.noGuess.text))
                return nil
            case .rejected(let problem):
                StandardError.line("error: this answer \(problem); it was not taken as a guess")
                return nil
            case .interrupted:
                // Ctrl-C takes back the question, not the section: its demo and the rest run on.
                // SIGTERM or SIGHUP stay pending and end the session at the demo's first check.
                guard Interruption.pending == SIGINT else { return nil }
                Interruption.clear()
                context.say(context.style.dim(Strings.noGuess.text))
                return nil
            }
        }
        defer {
            context.predictions.ask = nil
            editor.close()
            context.runner.close()
            foreground.restore()
        }
        let style = context.style
        context.runner.announcePreparations(style: style)
        // Said once, here; the saves that then fail do not say it again.
        if let problem = guide.saveProblem { context.stateNotSaved(problem + " (history will not be kept either)") }
        switch runTypedAhead(after: welcome(guide), remember: editor.remember) {
        case .quit: return 0
        case .signalled(let signal): return 128 + signal
        case .ok, .failed: break
        }
        while true {
            // A Ctrl-C that came as the last command ended is one at the prompt: the prompt is
            // back, which is what it asks for. Anything else ends the session.
            if let signal = Interruption.pending {
                if signal != SIGINT { return 128 + signal }
                Interruption.clear()
            }
            if let status = StandardOutput.failureStatus {
                StandardOutput.reportFailure()
                return status
            }
            switch editor.read(prompt: prompt) {
            case .end:
                context.say("")
                return 0
            case .interrupted:
                let signal = Interruption.pending
                Interruption.clear()
                if let signal, signal != SIGINT { return 128 + signal }
            case .rejected(let problem):
                report("error: this line \(problem)")
            case .line(let line):
                editor.remember(line)
                switch runTypedAhead(after: execute(line), remember: editor.remember) {
                case .quit: return 0
                case .signalled(let signal): return 128 + signal
                case .ok, .failed: break
                }
            }
        }
    }

    /// A command typed at a guess's prompt runs once the section that asked has run: echoed
    /// after the prompt, as if typed there, and kept in the history. Not after a signal.
    func runTypedAhead(after outcome: Outcome, remember: (String) -> Void) -> Outcome {
        var outcome = outcome
        while outcome == .ok || outcome == .failed, lastSignal == nil, let line = context.predictions.typedAhead {
            context.predictions.typedAhead = nil
            remember(line)
            context.say(prompt.replacingEscapeMarkers() + line)
            outcome = execute(line)
        }
        context.predictions.typedAhead = nil
        return outcome
    }

    func welcome(_ guide: GuidedTour) -> Outcome {
        let style = context.style
        if guide.isFirstStart {
            context.say(LessonList.welcome(lessons: guide.library.lessons, style: style) + "\n")
        } else {
            context.say(
                Strings.welcomeBack(style.bold, position: guide.position, done: guide.challengesDone) + "\n"
                    + style.dim(Strings.returningHint.text + "\n"))
        }
        return guarded("next") { try guide.show(in: context) }
    }

    /// How a transcript ended.
    public struct TranscriptResult: Equatable {
        /// Commands that failed.
        public var failures = 0
        /// The signal that stopped it (Ctrl-C stops a script; the line it stopped at was said).
        public var signal: Int32?
        /// A line that could not be read or is not a command line: the transcript stopped there.
        public var inputError: String?
        /// Whether that was bad input (status 2) rather than a failed read (status 1).
        public var inputIsBad = false
    }

    /// Runs lines as a transcript: each echoed after the prompt, then its output. `next` gives
    /// each line's number and bytes, nil at the end, and throws where the input cannot be read.
    /// A line that is not a command line (too long, not UTF-8, a control character) stops the
    /// transcript with its place: a file of commands that holds one is not one. A pending
    /// Ctrl-C is never cleared here: it stops the transcript before its next line, and says so.
    public func runTranscript(source: String, _ next: () throws -> (number: Int, bytes: [UInt8])?) -> TranscriptResult {
        // A transcript is read as a record of what ran: no progress line is drawn into it.
        ProgressLine.shared.suspended { runLines(source: source, next) }
    }

    private func runLines(source: String, _ next: () throws -> (number: Int, bytes: [UInt8])?) -> TranscriptResult {
        var result = TranscriptResult()
        var ran: String?
        defer { location = nil }
        while true {
            if let signal = Interruption.pending {
                result.signal = signal
                let place = ran.map { "after \($0)" } ?? "before the first command of \(source)"
                report("\(Interrupted(signal: signal)) \(place); the rest was not run, and temporary files were removed")
                context.runner.close()
                return result
            }
            if StandardOutput.failure != nil { return result }
            let line: (number: Int, bytes: [UInt8])
            do {
                guard let read = try next() else { return result }
                line = read
            } catch let error as UsageError {
                result.inputError = error.description
                result.inputIsBad = true
                return result
            } catch {
                result.inputError = "cannot read \(source): \(error)"
                return result
            }
            var bytes = line.bytes
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }  // a file saved with CRLF line ends
            let text: String
            do { text = try CommandLineText.text(bytes) } catch {
                result.inputError = "\(source), line \(line.number) \(error); nothing after it was run"
                result.inputIsBad = true
                return result
            }
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            context.say("\n" + prompt.replacingEscapeMarkers() + trimmed)
            location = "\(source), line \(line.number)"
            ran = "\(source), line \(line.number) (\(trimmed.abbreviated))"
            switch execute(trimmed) {
            case .ok: break
            case .failed:
                result.failures += 1
                if let signal = lastSignal {
                    result.signal = signal
                    return result
                }
            case .quit: return result
            case .signalled(let signal):
                result.signal = signal
                return result
            }
        }
    }

    /// Standard input's lines, bounded like a script's: at most a command line's length each and
    /// a script's size in all.
    public static func standardInput() -> () throws -> (number: Int, bytes: [UInt8])? {
        let reader = LineReader(
            fd: STDIN_FILENO, source: "standard input", maximumLine: CommandLineText.maximumLength,
            maximumTotal: ScriptCommand.largestScript)
        return {
            do {
                guard let bytes = try reader.next() else { return nil }
                return (reader.lineNumber, bytes)
            } catch let error as LineReader.LineTooLong {
                throw UsageError(
                    "\(error.source), line \(error.line) is longer than \(NumberFormat.count(error.limit)) bytes, "
                        + "the most a command line may be; nothing after it was run")
            } catch let error as ReadLimitExceeded {
                throw UsageError(
                    "standard input holds more than \(ByteSize.format(error.limit)) of commands, the most a transcript "
                        + "(like a script) may hold; nothing after that was run")
            }
        }
    }
}
