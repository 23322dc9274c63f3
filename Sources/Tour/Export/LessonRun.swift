import ZeroCopy

/// A lesson as it ran on this machine, for a handout: its prose and code as written, and each
/// command with the records it made and the text the tour printed for it, each check with its
/// result. The commands run exactly as `zctour lesson N` runs them (the same player, parser
/// and session), so a handout shows the numbers the tour would have shown.
struct LessonRun {
    let lesson: Lesson
    let total: Int
    var parts: [Part] = []

    struct Part {
        let title: String?
        var items: [Item] = []
    }

    enum Item {
        case prose([String])
        case code(language: String, lines: [String])
        /// `kind` is the command's name (`run`, `compare`, `trace`); `text` what the terminal showed.
        case command(line: String, kind: String, records: [RunRecord], text: String)
        case check(LessonPlayer.ClaimResult)
        /// A goal the learner reaches at the prompt (its hints and solution stay out of a handout).
        case challenge(Challenge)
        /// A line the tour says beside a command: a prediction's question, then its verdict.
        case aside(String)
    }

    var records: [RunRecord] {
        parts.flatMap(\.items).flatMap { item -> [RunRecord] in
            if case .command(_, _, let records, _) = item { return records }
            return []
        }
    }

    var checks: [LessonPlayer.ClaimResult] {
        parts.flatMap(\.items).compactMap { item in
            if case .check(let result) = item { return result }
            return nil
        }
    }

    /// Runs every command of the lesson in a fresh session (removed before returning), with
    /// the terminal's plain rendering at `width` columns captured for each.
    static func play(_ lesson: Lesson, total: Int, width: Int, announce: Bool) throws -> LessonRun {
        final class Capture { var lines: [String] = [] }
        let capture = Capture()
        let runner = DemoRunner()
        defer { runner.close() }
        let style = Style(color: false, width: width, unicode: true)
        if announce { runner.announcePreparations(style: Style.detect()) }
        let context = TourContext(runner: runner, style: style, format: .text, capture: { capture.lines.append($0) })
        let player = LessonPlayer(lesson: lesson, total: total)
        var run = LessonRun(lesson: lesson, total: total)
        let parts: [(String?, [Lesson.Block])] = [(nil, lesson.introduction)] + lesson.sections.map { ($0.title, $0.blocks) }
        for (title, blocks) in parts {
            var part = Part(title: title)
            for block in blocks {
                switch block {
                case .prose(let lines): part.items.append(.prose(lines))
                case .code(let language, let lines): part.items.append(.code(language: language, lines: lines))
                case .challenge(let challenge): part.items.append(.challenge(challenge))
                case .commands(let lines):
                    for line in lines {
                        let text = line.text.trimmingWhitespace()
                        if text.hasPrefix("expect ") {
                            capture.lines = []
                            part.items.append(
                                .check(try player.check(String(text.dropFirst("expect ".count)), line: line.line, in: context)))
                        } else if text.hasPrefix("predict ") {
                            // Nobody answers in a handout: the question, then the measurement.
                            capture.lines = []
                            try player.predict(String(text.dropFirst("predict ".count)), line: line.line, in: context)
                            part.items.append(.aside(capture.lines.joined(separator: "\n").trimmingWhitespace()))
                        } else {
                            capture.lines = []
                            let before = context.records.count
                            try player.run(text, line: line.line, in: context)
                            let kind = CommandTokenizer.split(text).first ?? ""
                            part.items.append(
                                .command(
                                    line: text, kind: kind, records: Array(context.records[before...]),
                                    text: capture.lines.joined(separator: "\n")))
                            capture.lines = []
                            player.resolvePredictions(in: context)
                            if !capture.lines.isEmpty {
                                part.items.append(.aside(capture.lines.joined(separator: "\n").trimmingWhitespace()))
                            }
                        }
                    }
                }
            }
            run.parts.append(part)
        }
        if !lesson.sources.isEmpty {
            run.parts.append(Part(title: Strings.sources.text, items: [.prose(lesson.sources.map { "- " + $0.text })]))
        }
        return run
    }
}
