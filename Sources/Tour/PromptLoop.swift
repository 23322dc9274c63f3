import ArgumentParser
import Glibc
import ZeroCopy

/// The interactive tour and the transcript runner. Both read command lines and run them with
/// the same parser as the command line; the first edits lines with libedit on a terminal, the
/// second reads a script or a pipe and echoes each command after the prompt.
public final class PromptLoop {
    let context: TourContext

    public init(context: TourContext) {
        self.context = context
        context.guided = true
    }

    /// The outcome of one line.
    enum Outcome { case ok, failed, quit }

    /// Runs one command line; errors are printed as one line and reported as `.failed`.
    /// Ctrl-C during a demo stops it, removes its temporary files, and returns to the prompt;
    /// SIGTERM does the same and ends the session.
    func execute(_ line: String) -> Outcome {
        let words = CommandTokenizer.split(line)
        guard let first = words.first, !first.hasPrefix("#") else { return .ok }
        context.style.width = context.fixedWidth ?? Style.terminalWidth()  // the window may have been resized
        do {
            try CommandCatalog.shared.checkCommandName(first)
            var command = try ZCTour.parseAsRoot(words)
            if let runnable = command as? TourCommand {
                try runnable.execute(in: context)
            } else {
                try command.run()  // help: ends in the parser's help message
            }
            return context.quitRequested ? .quit : .ok
        } catch let error as Interrupted {
            context.session.close()
            Interruption.clear()
            if isatty(STDOUT_FILENO) == 1 { context.say("") }  // past the ^C the terminal echoed
            report(error.signal == SIGTERM ? "terminated: the demo stopped and its temporary files were removed"
                                           : "interrupted: the demo stopped and its temporary files were removed")
            return error.signal == SIGTERM ? .quit : .failed
        } catch let error as UsageError {
            report("error: \(error)")
        } catch let error as RuntimeFailure {
            if let signal = Interruption.pending {
                context.session.close()
                Interruption.clear()
                report("interrupted: the demo stopped and its temporary files were removed")
                return signal == SIGTERM ? .quit : .failed
            }
            report("error: \(error)")
        } catch {
            let code = ZCTour.exitCode(for: error)
            if code == .success {
                context.say(ZCTour.fullMessage(for: error))
                return .ok
            }
            report("error: \(ZCTour.message(for: error)) (help \(first) shows its usage)")
        }
        return .failed
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
        let guide: Guide
        do { guide = try context.guide() } catch {
            StandardError.line("zctour: \(error)")
            return 1
        }
        guard let editor = LineEditor(historyPath: guide.state.file("history"),
                                      completer: Completer(lessons: guide.library.lessons)) else {
            StandardError.line("zctour: cannot start line editing on this terminal; piping commands in works without it")
            return 1
        }
        defer {
            editor.close()
            context.session.close()
        }
        do { try guide.state.create() } catch { StandardError.line("zctour: \(error) (history will not be kept)") }
        welcome(guide)
        while true {
            switch editor.read(prompt: prompt) {
            case .end:
                context.say("")
                return 0
            case .interrupted:
                let signal = Interruption.pending
                Interruption.clear()
                if signal == SIGTERM { return 143 }
                context.say("")
            case .line(let line):
                editor.remember(line)
                if execute(line) == .quit {
                    return Interruption.pending == SIGTERM ? 143 : 0
                }
                if Interruption.pending == SIGTERM { return 143 }
            }
        }
    }

    func welcome(_ guide: Guide) {
        let style = context.style
        if let warning = guide.warning { StandardError.line(style.yellow("zctour: \(warning)")) }
        if guide.isFirstStart {
            context.say(style.bold("Welcome to zctour,") + " a live tour of zero-copy I/O on Linux. Every number you will see is\n"
                + "measured now, on this machine, by the kernel's own counters; every demo checks its bytes.\n")
            _ = execute("lessons")
            context.say(style.dim("\nType next to go on, help for the commands, Tab to complete, Ctrl-D to leave.\n"))
        } else {
            context.say(style.bold("Welcome back:") + " \(guide.position).\n"
                + style.dim("next goes on, prev goes back, lessons lists them, reset starts over.\n"))
        }
        _ = try? guide.show(in: context)
    }

    /// Runs lines as a transcript: each echoed after the prompt, then its output. Returns the
    /// number of commands that failed. Stops at `quit` or SIGTERM.
    public func runTranscript<Lines: Sequence>(_ lines: Lines) -> Int where Lines.Element == String {
        var failures = 0
        for raw in lines {
            let line = raw.hasSuffix("\n") ? String(raw.dropLast()) : raw
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            context.say("\n" + prompt.replacingEscapeMarkers() + trimmed)
            switch execute(trimmed) {
            case .ok: break
            case .failed: failures += 1
            case .quit: return failures + (Interruption.pending == SIGTERM ? 1 : 0)
            }
        }
        return failures
    }

    /// Lines from standard input, until end of file.
    public static func standardInputLines() -> AnySequence<String> {
        AnySequence {
            AnyIterator { readLine(strippingNewline: true) }
        }
    }
}

extension String {
    /// The prompt without libedit's \1 markers, for a transcript.
    func replacingEscapeMarkers() -> String { filter { $0 != "\u{1}" } }
}
