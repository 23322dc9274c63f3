/// The roster for a terminal: who is who, a table of challenges × learners (numbered columns,
/// so it fits 80 columns; more learners than fit are shown in further tables), each
/// prediction's guesses against the measurements, and the machines whose doctor warned.
extension Roster {
    func text(style: Style) -> String {
        let width = min(style.width, 100)
        func wrapped(_ text: String, first: String = "  ", rest: String = "    ") -> [String] {
            TextWrapper.wrap(text, width: width, first: first, rest: rest)
        }
        var lines = [style.bold("zctour roster") + " \(style.dot) \(learners.count) report\(learners.count == 1 ? "" : "s") read"]
        lines += wrapped(
            learners.map { "\($0.number) \($0.label)" + ($0.label == $0.file ? "" : " (\($0.file))") }.joined(separator: " \(style.dot) "),
            first: "  learners: ", rest: "    ")

        lines += ["", style.bold("Challenges done")]
        if challenges.isEmpty {
            lines.append("  " + style.dim("the reports list no challenges"))
        } else {
            for group in learnerGroups(width: width) {
                var table = Table(
                    columns: [Table.Column("lesson"), Table.Column("challenge", right: false)]
                        + group.map { Table.Column(String($0.number)) } + [Table.Column("done", right: false)])
                for row in challenges {
                    let marks = group.map { learner -> String in
                        switch row.done[learner.number - 1] {
                        case true?: return style.green(style.check)
                        case false?: return style.dim(style.dot)
                        case nil: return style.dim("-")
                        }
                    }
                    table.add([String(row.lesson), row.id] + marks + ["\(row.doneCount) of \(learners.count)"])
                }
                table.add(["", style.dim("challenges done")] + group.map { String($0.challengesDone) } + [""])
                lines.append(table.render(style: Style(color: style.color, width: width, unicode: style.unicode)))
            }
            if challenges.contains(where: { $0.done.contains(nil) }) {
                lines += wrapped(style.dim("- : not in that learner's lessons (another version of zctour)"))
            }
        }

        lines += ["", style.bold("Predictions against the measurements")]
        if predictions.isEmpty { lines.append("  " + style.dim("no predictions in the reports")) }
        for row in predictions {
            lines += wrapped("lesson \(row.lesson): " + row.question, first: "  ", rest: "     ")
            let measured = Dictionary(grouping: row.answers.compactMap(\.measured), by: { $0 }).sorted { $0.key < $1.key }
            let what =
                measured.isEmpty
                ? "not measured on any machine"
                : "measured "
                    + measured.map { "\(NumberFormat.count($0.key))" + (measured.count > 1 ? " on \($0.value.count)" : "") }.joined(
                        separator: ", ")
                    + " (\(row.expression))"
            lines += wrapped(what, first: "     ", rest: "       ")
            let guesses = row.answers.map { answer -> String in
                let label = learner(answer.learner)?.label ?? "#\(answer.learner)"
                guard let guess = answer.guess else { return "\(label) no guess" }
                let exact = answer.measured == guess ? " " + style.green(style.check) : ""
                return "\(label) \(NumberFormat.count(guess))" + exact
            }
            let exact = row.answers.filter { $0.guess != nil && $0.guess == $0.measured }.count
            let guessed = row.answers.filter { $0.guess != nil }.count
            // The total on a line of its own: after the last guess it would read as that learner's.
            lines += wrapped("guesses: " + guesses.joined(separator: " \(style.dot) "), first: "     ", rest: "       ")
            if guessed > 0 { lines.append("     " + style.dim("exact: \(exact) of \(guessed) guess\(guessed == 1 ? "" : "es")")) }
        }

        lines += ["", style.bold("Machines whose doctor warned")]
        let warned = learners.filter(\.warned)
        let unknown = learners.filter { $0.doctor == nil }
        if warned.isEmpty {
            lines.append("  " + style.green("none of the \(learners.count - unknown.count) machines that reported"))
        }
        for learner in warned {
            let machine = learner.machine.map { $0.summary(dot: style.dot) } ?? "machine not reported"
            let notes = (learner.doctor ?? []).map { "\($0.title) (\($0.status))" }.joined(separator: ", ")
            lines += wrapped("\(learner.number) \(learner.label), \(machine): " + style.yellow(notes))
        }
        if !unknown.isEmpty {
            lines += wrapped(
                style.dim("no doctor notes in the report of " + unknown.map { "\($0.number) \($0.label)" }.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }

    /// The learners split into groups whose columns fit beside the lesson and challenge columns.
    func learnerGroups(width: Int) -> [[Learner]] {
        let fixed = 2 + "lesson".count + 2 + (challenges.map(\.id.count).max() ?? 9) + 2 + "\(learners.count) of \(learners.count)".count
        let column = max(3, String(learners.count).count) + 2
        let perTable = max(1, (width - fixed) / column)
        return stride(from: 0, to: learners.count, by: perTable).map { Array(learners[$0..<min($0 + perTable, learners.count)]) }
    }
}
