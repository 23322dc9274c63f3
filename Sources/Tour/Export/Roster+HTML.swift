import Foundation

/// The roster as one self-contained HTML page, in the handouts' style (their CSS, their
/// escaping), with the roster's JSON embedded as a handout embeds its runs.
extension Roster {
    func html(date: String) throws -> String {
        var body: [String] = []
        let title = "zctour roster: \(learners.count) learner\(learners.count == 1 ? "" : "s")"
        body.append(
            "<header><h1>\(HTML.escape(title))</h1><p class=\"machine\">Merged on \(HTML.escape(date)) from "
                + "\(learners.count) progress report\(learners.count == 1 ? "" : "s") (zctour report).</p></header>")

        body.append("<section><h2>Challenges done</h2>")
        var table = "<table class=\"roster\"><tr><th class=\"label\">lesson</th><th class=\"label\">challenge</th>"
        table += learners.map { "<th>\(HTML.escape($0.label))</th>" }.joined() + "<th>done</th></tr>"
        for row in challenges {
            table += "<tr><td class=\"label\">\(row.lesson)</td><td class=\"label\"><code>\(HTML.escape(row.id))</code></td>"
            for done in row.done {
                switch done {
                case true?: table += "<td class=\"done\">✓</td>"
                case false?: table += "<td class=\"not\">·</td>"
                case nil: table += "<td class=\"absent\">-</td>"
                }
            }
            table += "<td>\(row.doneCount) of \(learners.count)</td></tr>"
        }
        table += "<tr><td class=\"label\"></td><td class=\"label\">challenges done</td>"
        table += learners.map { "<td>\($0.challengesDone)</td>" }.joined() + "<td></td></tr></table>"
        body.append(table + "</section>")

        body.append("<section><h2>Predictions against the measurements</h2>")
        if predictions.isEmpty { body.append("<p class=\"aside\">No predictions in the reports.</p>") }
        for row in predictions {
            var rows = "<table class=\"predictions\"><tr><th class=\"label\">learner</th><th>guess</th><th>measured</th></tr>"
            for answer in row.answers {
                let label = learner(answer.learner)?.label ?? "#\(answer.learner)"
                let exact = answer.guess != nil && answer.guess == answer.measured
                rows +=
                    "<tr\(exact ? " class=\"exact\"" : "")><td class=\"label\">\(HTML.escape(label))</td>"
                    + "<td>\(answer.guess.map(NumberFormat.count) ?? "none")</td>"
                    + "<td>\(answer.measured.map(NumberFormat.count) ?? "not measured")</td></tr>"
            }
            body.append(
                "<h3>Lesson \(row.lesson): \(HTML.escape(row.question))</h3><p class=\"aside\"><code>\(HTML.escape(row.expression))</code></p>"
                    + rows + "</table>")
        }
        body.append("</section>")

        body.append("<section><h2>Machines whose doctor warned</h2>")
        let warned = learners.filter(\.warned)
        if warned.isEmpty { body.append("<p>None of the machines that reported.</p>") }
        body.append(
            "<ul class=\"warned\">"
                + warned.map { learner in
                    let machine = learner.machine.map { $0.summary(dot: "·") } ?? "machine not reported"
                    let notes = (learner.doctor ?? []).map { "\($0.title) (\($0.status))" }.joined(separator: ", ")
                    return "<li><strong>\(HTML.escape(learner.label))</strong>, \(HTML.escape(machine)): \(HTML.escape(notes))</li>"
                }.joined() + "</ul></section>")
        body.append(
            "<footer><p>Written by <code>zctour roster --html</code>. The roster is in this file as JSON (<code>script#zctour-data</code>).</p></footer>"
        )

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = HTML.scriptJSON(try encoder.encode(self))
        return HTML.page(title: title, style: HandoutDocument.css + "\n" + Roster.css, body: body, data: data)
    }

    static let css = """
        table.roster td.done{color:#1a7f37;text-align:center}table.roster td.not,table.roster td.absent{color:#999;text-align:center}
        table.roster th{text-align:center}tr.exact td{color:#1a7f37}ul.warned li{margin:.3rem 0}
        """
}
