/// The player's side of predictions and challenges: a `predict` line asks for a guess (at a
/// terminal) or takes one given with `predict N`, the next command measures it, and the guess
/// is shown against the measurement. Nothing here ever waits for input that cannot come.
extension LessonPlayer {
    func predict(_ text: String, line: Int, in context: TourContext) throws {
        let prediction: Prediction
        do { prediction = try Prediction.parse(text) } catch { throw RuntimeFailure("\(lesson.path):\(line): \(error)") }
        let style = context.style
        if !context.json {
            context.say(
                "\n"
                    + TextWrapper.wrap(
                        style.bold(Strings.predictLabel.text) + prediction.question, width: style.width, first: "", rest: "  "
                    )
                    .joined(separator: "\n"))
        }
        var guess = context.predictions.guess
        context.predictions.guess = nil
        if let guide = context.guideIfLoaded ?? (context.guided ? try? context.guide() : nil),
            let saved = guide.takeGuess(in: context)
        {
            guess = guess ?? saved
        }
        if guess == nil, let ask = context.predictions.ask, !context.json, context.predictions.typedAhead == nil {
            switch LessonPlayer.readGuess(ask, style: style, say: { context.say($0) }) {
            case .number(let number): guess = number
            case .skipped: break
            case .command(let line):
                context.predictions.typedAhead = line
                context.say(style.dim(Strings.commandAtGuess(line)))
            }
        } else if let guess, !context.json {
            context.say(style.dim("  your guess: \(NumberFormat.count(guess))"))
        }
        let record = PredictionRecord(
            lesson: lesson.id, line: line, question: prediction.question,
            expression: prediction.expression, guess: guess, measured: nil, reason: nil)
        context.predictions.pending.append((prediction, record))
    }

    /// What was typed at a guess's prompt.
    enum GuessAnswer: Equatable {
        case number(Int)
        /// Enter, Ctrl-C, Ctrl-D, or three answers that were not numbers.
        case skipped
        /// A line whose first word is one of the tour's commands, to run after the section.
        case command(String)
    }

    /// Asks until the answer is a number (sizes like 16M count), nothing (Enter skips), or a
    /// command of the tour's, which is not a wrong guess but something to do next.
    static func readGuess(_ ask: (String) -> String?, style: Style, say: (String) -> Void) -> GuessAnswer {
        for _ in 0..<3 {
            guard let answer = ask(Strings.guessPrompt.text)?.trimmingWhitespace(), !answer.isEmpty else { return .skipped }
            let plain = answer.filter { $0 != "," && $0 != "_" }
            do {
                return .number(try ByteSize.parse(plain))
            } catch {
                // `predict 256` gives a guess ahead at the prompt; here it is this question's
                // (and `predict abc` a guess that is not a number).
                let words = CommandTokenizer.split(plain)
                if words == [PredictCommand.configuration.commandName] {
                    say(style.dim(Strings.noGuess.text))
                    return .skipped
                }
                if words.first == PredictCommand.configuration.commandName, words.count == 2 {
                    do {
                        return .number(try ByteSize.parse(words[1]))
                    } catch {
                        say(style.yellow(Strings.notANumber(words[1], problem: error.problem)))
                        continue
                    }
                }
                if isCommand(answer) { return .command(answer) }
                // Its own words: not a number, negative, an unknown suffix, or too large.
                say(style.yellow(Strings.notANumber(answer, problem: error.problem)))
            }
        }
        say(style.dim(Strings.noGuess.text))
        return .skipped
    }

    /// Whether a line's first word names one of the prompt's commands or their aliases.
    static func isCommand(_ line: String) -> Bool {
        guard let first = CommandTokenizer.split(line).first else { return false }
        return CommandCatalog.shared.commands.contains { $0.name == first || $0.aliases.contains(first) }
    }

    /// After a command ran: every waiting prediction is measured and shown.
    func resolvePredictions(in context: TourContext) {
        let waiting = context.predictions.pending
        context.predictions.pending = []
        let style = context.style
        for (prediction, pending) in waiting {
            var record = pending
            switch prediction.measure(context.records, refusals: context.refusals) {
            case .success(let value): record.measured = value
            case .failure(let failure): record.reason = failure.reason
            }
            context.predictions.resolved.append(record)
            guard !context.json else { continue }
            context.say(fitted("  " + style.bold(Strings.predictionLabel.text) + LessonPlayer.verdict(record, style: style), style))
        }
    }

    /// `you guessed 100; measured 257 (read-write@4K.syscr), 2.6 times your guess`. Counts are
    /// exact, so a near miss is a miss, said with what it missed: a guess one read short of a
    /// read loop's count left out the read that finds the end of the file, the lesson's point.
    static func verdict(_ record: PredictionRecord, style: Style) -> String {
        guard let measured = record.measured else {
            return style.yellow(Strings.notMeasured(record.reason ?? "no value"))
        }
        let what = Strings.measured(NumberFormat.count(measured)) + style.dim("(\(record.expression))")
        guard let guess = record.guess else { return what + style.dim(Strings.noGuessGiven.text) }
        var text = Strings.youGuessed(NumberFormat.count(guess)) + what + Strings.verdictSeparator.text
        let field = record.expression.split(separator: ".", maxSplits: 1).last.map(String.init) ?? ""
        if guess == measured {
            text += style.green(Strings.exactlyRight.text)
        } else if measured == guess + 1, let missed = endOfFileRead[field] {
            text += style.yellow(Strings.oneShort(missed.text))
        } else if measured != 0 && abs(guess - measured) * 10 <= abs(measured) {
            text += style.yellow(Strings.offBy(NumberFormat.count(abs(measured - guess))))
        } else if guess != 0 && measured != 0 && (guess > 0) == (measured > 0) {
            let ratio = Double(max(abs(guess), abs(measured))) / Double(min(abs(guess), abs(measured)))
            let times = ratio < 10 ? String(format: "%.1f", ratio) : NumberFormat.count(Int(ratio.rounded()))
            text += style.yellow(measured > guess ? Strings.timesTheGuess(times) : Strings.guessTooHigh(times))
        } else {
            text += style.yellow(Strings.offBy(NumberFormat.count(abs(measured - guess))))
        }
        return text
    }

    /// What one more than the guess is, for the counts a read loop makes one extra of.
    static let endOfFileRead = [
        "syscr": Strings.endOfFileReadCounts, "syscalls.read": Strings.endOfFileReadCounts,
        "allocations": Strings.endOfFileReadAllocates,
    ]

    /// A challenge in the lesson's text: its goal, and whether it is done.
    func show(_ challenge: Challenge, in context: TourContext) {
        guard !context.json else { return }
        let style = context.style
        let done = context.guided ? (try? context.guide())?.isDone(challenge, of: lesson) ?? false : false
        context.say("\n" + ChallengeView.goal(challenge, done: done, atPrompt: context.guided, style: style))
    }
}
