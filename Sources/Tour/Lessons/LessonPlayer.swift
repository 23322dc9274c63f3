import ArgumentParser
import ZeroCopy

/// Plays a lesson without a prompt: prints its prose, runs each `zctour` line as the command
/// line would (same parser), checks its `expect` lines against what was just measured.
public struct LessonPlayer {
    public let lesson: Lesson
    public let total: Int
    /// Presenter mode: asked before each section (its title, number and the count); false
    /// stops the lesson there.
    var beforeSection: ((_ title: String, _ number: Int, _ count: Int) throws -> Bool)? = nil
    /// Presenter mode: asked after a prediction's question, before the demo that answers it, so
    /// the room can guess; false stops the lesson there.
    var beforeAnswer: (() throws -> Bool)? = nil
    /// Presenter mode: true once the presenter stopped inside a section (q at a "more" prompt).
    var stopRequested: (() -> Bool)? = nil
    /// `--from`: the first section played (1 is the first `##`); the introduction and the
    /// sections before it are left out.
    public var firstSection = 1

    /// The presenter stopped inside a section (at a prediction), with the checks made so far.
    struct Stopped: Error {
        var results: [ClaimResult] = []
    }

    /// Every check in full, and every chart, instead of the folded lines (`lesson N --verbose`).
    public var verbose = false

    public init(lesson: Lesson, total: Int) {
        self.lesson = lesson
        self.total = total
    }

    /// The checks' results, in order, for the summary and for JSON.
    public struct ClaimResult: Codable, Sendable, Equatable {
        public let expect: String
        public let line: Int
        public let outcome: String
        public let left: Int?
        public let right: Int?
        public let reason: String?
    }

    struct Document: Encodable {
        let schema = JSONSchema.lesson
        let lesson: Summary
        let runs: [RunRecord]
        let checks: [ClaimResult]
        let predictions: [PredictionRecord]
        struct Summary: Encodable {
            let id: String
            let number: Int
            let title: String
        }
    }

    /// Plays the whole lesson; returns the check results. A failed or invalid check makes
    /// the caller's exit status 1; unavailable counters do not.
    public func play(in context: TourContext) throws -> [ClaimResult] {
        let style = context.style
        var results: [ClaimResult] = []
        if !context.json {
            context.say(heading(style))
            if let note = languageNote(style) { context.say(note) }
        }
        let parts: [(String?, [Lesson.Block])] = [(nil, lesson.introduction)] + lesson.sections.map { ($0.title, $0.blocks) }
        var stoppedBefore: Int?
        var stoppedIn: (section: Int, atPrediction: Bool)?
        sections: for (index, (title, blocks)) in parts.enumerated() where index == 0 ? firstSection <= 1 : index >= firstSection {
            if let title, let beforeSection, try !beforeSection(title, index, parts.count - 1) {
                stoppedBefore = index
                break
            }
            if let title, !context.json { context.say("\n" + style.bold("## " + title)) }
            for block in blocks {
                do {
                    results += try play(block, in: context)
                } catch let stop as Stopped {
                    results += stop.results
                    stoppedIn = (max(1, index), true)
                    break sections
                }
                if stopRequested?() == true {
                    stoppedIn = (max(1, index), false)
                    break sections
                }
            }
        }
        if stoppedBefore == nil, stoppedIn == nil, !context.json, let sources = sources(style) { context.say("\n" + sources) }
        if context.json {
            try context.emitJSON(
                Document(
                    lesson: .init(id: lesson.id, number: lesson.number, title: lesson.title),
                    runs: context.records, checks: results, predictions: context.predictions.resolved))
        } else {
            // Stopped before any check ran, there is nothing to sum up ("✓ 0 of 0 checks held").
            if !results.isEmpty { context.say("\n" + summary(results, style: style)) }
            if let stoppedBefore {
                context.say(
                    style.dim(
                        "stopped before section \(stoppedBefore) of \(parts.count - 1); "
                            + "zctour lesson \(lesson.number) --step --from \(stoppedBefore) goes on from there"))
            }
            if let stoppedIn {
                context.say(
                    style.dim(
                        "stopped \(stoppedIn.atPrediction ? "at a prediction in" : "inside") section \(stoppedIn.section) of \(parts.count - 1); "
                            + "zctour lesson \(lesson.number) --step --from \(stoppedIn.section) starts it again"))
            }
        }
        return results
    }

    /// `Lesson 3 of 5 · Slices and views`, underlined.
    func heading(_ style: Style) -> String { LessonList.heading(lesson, of: total, style: style) }

    /// Plays one page, as the guided tour does: the lesson's heading on its first page, the
    /// section's title with its place, then its blocks.
    public func play(page index: Int, in context: TourContext) throws -> [ClaimResult] {
        let pages = lesson.pages
        guard pages.indices.contains(index) else { return [] }
        let style = context.style
        if index == 0 {
            context.say(heading(style))
            if let note = languageNote(style) { context.say(note) }
        }
        if let title = pages[index].title {
            context.say("\n" + style.bold("## " + title) + style.dim("  " + Strings.sectionPlace(index + 1, of: pages.count)))
        }
        var results: [ClaimResult] = []
        for block in pages[index].blocks { results += try play(block, in: context) }
        if index == pages.count - 1, let sources = sources(style) { context.say("\n" + sources) }
        return results
    }

    /// One line under the heading when a Chinese learner gets the English lesson, saying why.
    func languageNote(_ style: Style) -> String? {
        guard Language.current == .zh, let note = lesson.languageNote else { return nil }
        return style.yellow(note.text)
    }

    /// The lesson's Sources list, said where the lesson ends.
    func sources(_ style: Style) -> String? {
        guard !lesson.sources.isEmpty else { return nil }
        return style.bold(Strings.sources.text) + "\n"
            + MarkdownText.prose(lesson.sources.map { "- " + $0.text }, style: style)
    }

    func play(_ block: Lesson.Block, in context: TourContext) throws -> [ClaimResult] {
        let style = context.style
        switch block {
        case .prose(let lines):
            let text = MarkdownText.prose(lines, style: style)
            if !context.json && !text.isEmpty { context.say("\n" + text) }
            return []
        case .code(let language, let lines):
            if !context.json { context.say("\n" + MarkdownText.code(lines, language: language, style: style)) }
            return []
        case .commands(let lines):
            var results: [ClaimResult] = []
            var pending: [ClaimResult] = []
            for line in lines {
                let text = line.text.trimmingWhitespace()
                if text.hasPrefix("expect ") {
                    pending.append(try check(String(text.dropFirst("expect ".count)), line: line.line, in: context, show: false))
                    continue
                }
                say(pending, in: context)
                results += pending
                pending = []
                if text.hasPrefix("predict ") {
                    try predict(String(text.dropFirst("predict ".count)), line: line.line, in: context)
                    if let beforeAnswer, try !beforeAnswer() { throw Stopped(results: results) }
                } else {
                    if !context.json { context.say("\n" + MarkdownText.command("zctour \(text)", style: style)) }
                    try runFolding(text, line: line.line, in: context)
                    resolvePredictions(in: context)
                }
            }
            say(pending, in: context)
            return results + pending
        case .challenge(let challenge):
            show(challenge, in: context)
            return []
        }
    }

    /// Runs a command of the lesson; a sweep of a demo, or a `choose`, that the tour has drawn
    /// before (earlier in this lesson, or in an earlier lesson) shows its tables and notes, and
    /// one line instead of its charts.
    func runFolding(_ text: String, line: Int, in context: TourContext) throws {
        guard !verbose, let first = repeatedCharts(text, line: line, in: context) else {
            try run(text, line: line, in: context)
            return
        }
        let saved = context.foldedCharts
        defer { context.foldedCharts = saved }
        let command = CommandTokenizer.split(text).first ?? "command"
        context.foldedCharts = "charts folded: \(first) drew them; --verbose, or this \(command) at the prompt, draws them"
        try run(text, line: line, in: context)
    }

    /// Where the tour first drew the same charts (`lesson 1`, `this lesson`), when it did: a
    /// sweep of the same demo, or any `choose`.
    func repeatedCharts(_ text: String, line: Int, in context: TourContext) -> String? {
        func charts(_ command: String) -> String? {
            let words = CommandTokenizer.split(command)
            if words.count > 1 && words[0] == "sweep" { return "sweep " + words[1] }
            return words.first == "choose" ? "choose" : nil
        }
        guard let drawn = charts(text) else { return nil }
        let earlier = ((try? context.library())?.lessons ?? []).filter { $0.number < lesson.number && $0.id != lesson.id }
        if let before = earlier.first(where: { $0.commandLines.contains { charts($0.text) == drawn } }) {
            return "lesson \(before.number)"
        }
        if lesson.commandLines.contains(where: { $0.line < line && charts($0.text) == drawn }) { return "this lesson" }
        return nil
    }

    func run(_ text: String, line: Int, in context: TourContext) throws {
        let arguments = CommandTokenizer.split(text)
        let command: ParsableCommand
        do {
            command = try ZCTour.parseAsRoot(arguments)
        } catch {
            throw RuntimeFailure("\(lesson.path):\(line): \(ZCTour.message(for: error))")
        }
        if let refusal = LessonScope.refusal(for: command, text: text) { throw RuntimeFailure("\(lesson.path):\(line): \(refusal)") }
        guard let runnable = command as? TourCommand else {
            throw RuntimeFailure("\(lesson.path):\(line): '\(text.abbreviated)' cannot run inside a lesson")
        }
        do {
            try context.inLesson { try runnable.execute(in: context) }
        } catch let error as UsageError {
            throw RuntimeFailure("\(lesson.path):\(line): \(error)")
        } catch let error as RuntimeFailure where error.refusal != nil {
            // A demo this machine cannot run (io_uring refused): said once, its checks unavailable.
            if let refusal = error.refusal { context.remember(refusal) }
            if !context.json {
                context.say(fitted("  " + context.style.yellow("? \(error); the checks on it below are not checked here"), context.style))
            }
        }
    }

    /// Evaluates one `expect` line on the runs so far; `show` says its line at once (a handout
    /// shows every check), else the caller folds the block (`say(_:in:)`).
    func check(_ text: String, line: Int, in context: TourContext, show: Bool = true) throws -> ClaimResult {
        let check: Claim
        do { check = try Claim.parse(text) } catch { throw RuntimeFailure("\(lesson.path):\(line): \(error)") }
        var result: ClaimResult
        switch check.evaluate(context.records, refusals: context.refusals, peers: context.peerRuns) {
        case .passed(let left, let right):
            result = ClaimResult(expect: text, line: line, outcome: "passed", left: left, right: right, reason: nil)
        case .failed(let left, let right):
            result = ClaimResult(expect: text, line: line, outcome: "failed", left: left, right: right, reason: nil)
        case .unavailable(let reason):
            result = ClaimResult(expect: text, line: line, outcome: "unavailable", left: nil, right: nil, reason: reason)
        case .invalid(let reason):
            result = ClaimResult(expect: text, line: line, outcome: "invalid", left: nil, right: nil, reason: reason)
        }
        if firstSection > 1, result.outcome == "invalid",
            let missing = (check.left.references + check.right.references).first(where: { Claim.record($0.run, in: context.records) == nil }
            )
        {
            result = ClaimResult(
                expect: text, line: line, outcome: "unavailable", left: nil, right: nil,
                reason: "its run of \(missing.run) is in a section before --from \(firstSection)")
        }
        if show && !context.json { context.say(rendered(result, style: context.style)) }
        return result
    }

    /// One check's line: `✓ read-write.syscr == 257  (257 == 257)`, or why it did not hold.
    func rendered(_ result: ClaimResult, style: Style) -> String {
        let text = result.expect
        let comparison = (try? Claim.parse(text))?.comparison.rawValue ?? ""
        switch result.outcome {
        case "passed":
            return fitted(
                "  \(style.green(style.check)) \(text)  "
                    + style.dim("(\(NumberFormat.count(result.left ?? 0)) \(comparison) \(NumberFormat.count(result.right ?? 0)))"), style)
        case "failed":
            return fitted(
                "  \(style.red(style.cross)) \(text)  "
                    + style.red("(measured \(NumberFormat.count(result.left ?? 0)) against \(NumberFormat.count(result.right ?? 0)))"),
                style)
        case "unavailable":
            return fitted("  " + style.yellow("? \(text)  (not checked: \(result.reason ?? ""))"), style)
        default:
            return fitted("  " + style.red("\(style.cross) \(text)  (\(lesson.path):\(result.line): \(result.reason ?? ""))"), style)
        }
    }

    /// The checks after a command. Those that held fold into one line (`✓ 10 claims held ·
    /// checks lists them`) unless `--verbose`; one that did not hold, or could not be checked
    /// here, always shows in full, so nothing that went wrong is ever folded away.
    func say(_ results: [ClaimResult], in context: TourContext) {
        guard !results.isEmpty, !context.json else { return }
        let style = context.style
        let held = results.filter { $0.outcome == "passed" }
        let lines: [String]
        if verbose || held.count < 2 {
            lines = results.map { rendered($0, style: style) }
        } else {
            let (claims, how) = Strings.claimsHeld(held.count, guided: context.guided)
            lines =
                [fitted("  \(style.green(style.check)) \(claims) \(style.dot) " + style.dim(how), style)]
                + results.filter { $0.outcome != "passed" }.map { rendered($0, style: style) }
        }
        context.say(lines.joined(separator: "\n"))
    }

    /// A check's line as it is when it fits, else wrapped under its text.
    func fitted(_ line: String, _ style: Style) -> String {
        guard line.visibleWidth > style.width else { return line }
        return TextWrapper.wrap(line.trimmingWhitespace(), width: style.width, first: "  ", rest: "    ").joined(separator: "\n")
    }

    func summary(_ results: [ClaimResult], style: Style) -> String {
        let passed = results.filter { $0.outcome == "passed" }.count
        let unchecked = results.filter { $0.outcome == "unavailable" }.count
        let bad = results.count - passed - unchecked
        var text =
            bad == 0
            ? style.green("\(style.check) " + Strings.checksHeld(passed, of: results.count))
            : style.red("\(style.cross) " + Strings.checksFailed(bad, of: results.count))
        if unchecked > 0 { text += style.yellow(Strings.checksUnchecked(unchecked)) }
        return text
    }
}
