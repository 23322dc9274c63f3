/// A report file is hand-editable JSON that the instructor projects, so the roster trusts none
/// of it: every string is made safe to show, the name is held to what `report --name` allows,
/// and a report zctour could not have written (a count below zero, one prediction answered
/// twice) is refused whole with one line, as a foreign file is.
extension Roster {
    /// As `report --name` allows (ProgressReport.checkedName).
    static let longestName = 40

    /// Text from a report or a path as the roster shows it, on a terminal and in HTML: escape
    /// sequences and control characters gone (TerminalText), tabs and line breaks as spaces, so
    /// a learner's line stays one line, and no bidirectional override or isolate, which would
    /// show the text after it reversed (U+202E).
    static func shown(_ text: String) -> String {
        var spaced = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .lineSeparator, .paragraphSeparator: spaced.append(" ")
            default: spaced.append([0x09, 0x0A, 0x0D].contains(scalar.value) ? " " : scalar)
            }
        }
        var shown = String.UnicodeScalarView()
        for scalar in TerminalText.stripped(String(spaced)).unicodeScalars where !scalar.properties.isBidiControl {
            shown.append(scalar)
        }
        return String(shown)
    }

    /// The name as the roster shows it: nil when nothing is left once cleaned (`#N`, as a null
    /// name). A longer one than `report` writes is cut with `…` rather than refused: it is still
    /// that learner's work, and only its width was wrong.
    static func shownName(_ name: String?) -> String? {
        guard let name else { return nil }
        let words = shown(name).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !words.isEmpty else { return nil }
        return words.count <= longestName ? words : String(words.prefix(longestName - 1)) + "…"
    }

    /// The report with every string shown safely.
    static func cleaned(_ report: ProgressReport) -> ProgressReport {
        var clean = report
        clean.name = shownName(report.name)
        clean.zctour = report.zctour.map(shown)
        if var machine = report.machine {
            machine.kernel = shown(machine.kernel)
            machine.architecture = shown(machine.architecture)
            machine.date = shown(machine.date)
            clean.machine = machine
        }
        clean.doctor = report.doctor?.map { .init(id: shown($0.id), title: shown($0.title), status: shown($0.status)) }
        for index in clean.lessons.indices {
            clean.lessons[index].id = shown(clean.lessons[index].id)
            for challenge in clean.lessons[index].challenges.indices {
                clean.lessons[index].challenges[challenge].id = shown(clean.lessons[index].challenges[challenge].id)
            }
        }
        for index in clean.predictions.indices {
            clean.predictions[index].lesson = shown(clean.predictions[index].lesson)
            clean.predictions[index].question = shown(clean.predictions[index].question)
            clean.predictions[index].expression = shown(clean.predictions[index].expression)
            clean.predictions[index].reason = clean.predictions[index].reason.map(shown)
        }
        return clean
    }

    /// The first value no zctour report holds, named by its field, with what is allowed.
    /// Guesses are never negative (a guess is read as a size, which refuses `-`), and what the
    /// lessons predict are counts of calls, faults and bytes, or a growth that their demo makes
    /// positive (64 windows mapped and none unmapped; the resident set's peak, which only rises).
    /// A prediction answered twice, a lesson or a challenge listed twice, is an edited file: the
    /// tour keeps one answer per prediction (the latest replaces the one before), so the roster
    /// refuses the report rather than guess which answer the learner meant, and the instructor
    /// sees one line and can ask for a fresh `zctour report`.
    static func impossibleValue(in report: ProgressReport) -> String? {
        if let cpus = report.machine?.cpus, cpus < 1 { return "machine.cpus is \(cpus); a machine has 1 CPU or more" }
        if report.lesson < 1 { return "lesson is \(report.lesson); lessons are numbered from 1" }
        var lessons: Set<String> = []
        for (index, lesson) in report.lessons.enumerated() {
            if lesson.number < 1 { return "lessons[\(index)].number is \(lesson.number); lessons are numbered from 1" }
            if !lessons.insert(lesson.id).inserted { return "lesson \(shown(lesson.id)) is listed twice; a report lists each lesson once" }
            var challenges: Set<String> = []
            for challenge in lesson.challenges where !challenges.insert(challenge.id).inserted {
                return "challenge \(shown(challenge.id)) of lesson \(shown(lesson.id)) is listed twice; a report lists each challenge once"
            }
        }
        var answered: Set<String> = []
        for (index, prediction) in report.predictions.enumerated() {
            if let guess = prediction.guess, guess < 0 {
                return "predictions[\(index)].guess is \(guess); a guess is a count, 0 or more"
            }
            if let measured = prediction.measured, measured < 0 {
                return "predictions[\(index)].measured is \(measured); a measurement is a count, 0 or more"
            }
            if prediction.line < 1 { return "predictions[\(index)].line is \(prediction.line); lines are numbered from 1" }
            if !answered.insert("\(prediction.lesson) \(prediction.line)").inserted {
                return "the prediction at line \(prediction.line) of lesson \(shown(prediction.lesson)) is answered twice; "
                    + "a report holds one answer per prediction"
            }
        }
        return nil
    }
}
