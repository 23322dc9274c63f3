import Foundation

/// The lessons as they ran on this machine, written as one Markdown or one self-contained HTML
/// document: the lessons' own text, and for each command the numbers it measured as the tour
/// prints them (with SVG charts in HTML where a command made several runs), each check
/// with its outcome, and the machine in the header.
struct HandoutDocument {
    let machine: Machine
    let lessons: [LessonRun]

    enum Format: String, CaseIterable { case md, html }

    func render(_ format: Format) throws -> String {
        switch format {
        case .md: markdown()
        case .html: try html()
        }
    }

    var title: String {
        lessons.count == 1 ? "zctour lesson \(lessons[0].lesson.number): \(lessons[0].lesson.title)" : "zctour: the lessons, measured"
    }

    var measuredOn: String {
        "Measured on Linux \(machine.kernel) (\(machine.architecture), \(machine.cpus) CPU\(machine.cpus == 1 ? "" : "s")) "
            + "on \(machine.date). Every number below comes from that run; on another machine they will differ, which is the point."
    }

    /// The terminal's text bar charts (a title line after a blank line, then bars), which the
    /// HTML replaces with SVG charts of the same records.
    static func withoutTextCharts(_ text: String) -> String {
        var out: [Substring] = []
        var skipping = false
        let titles: Set<Substring> = ["  throughput", "  syscalls (syscr + syscw)"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if skipping {
                if line.trimmingWhitespace().isEmpty || !line.hasPrefix("  ") { skipping = false } else { continue }
            }
            if titles.contains(line), out.last?.isEmpty == true {
                out.removeLast()
                skipping = true
                continue
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func checkText(_ check: LessonPlayer.ClaimResult) -> (mark: String, detail: String) {
        switch check.outcome {
        case "passed": ("✓", "\(NumberFormat.count(check.left ?? 0)) \(comparison(check.expect)) \(NumberFormat.count(check.right ?? 0))")
        case "failed":
            ("✗", "measured \(NumberFormat.count(check.left ?? 0)) against \(NumberFormat.count(check.right ?? 0)): did not hold")
        case "unavailable": ("?", "not checked: \(check.reason ?? "")")
        default: ("✗", check.reason ?? "invalid")
        }
    }

    static func comparison(_ expect: String) -> String {
        for symbol in ["==", "!=", "<=", ">=", "<", ">"] where expect.contains(" \(symbol) ") { return symbol }
        return "vs"
    }

    static func summary(_ checks: [LessonPlayer.ClaimResult]) -> String {
        let passed = checks.filter { $0.outcome == "passed" }.count
        let unchecked = checks.filter { $0.outcome == "unavailable" }.count
        let bad = checks.count - passed - unchecked
        var text =
            bad == 0 ? "✓ \(passed) of \(checks.count) checks held on this machine" : "✗ \(bad) of \(checks.count) checks did not hold"
        if unchecked > 0 { text += ", \(unchecked) could not be checked here" }
        return text
    }

    // MARK: Markdown

    func markdown() -> String {
        var out = ["# \(title)", "", "_\(measuredOn)_", ""]
        for run in lessons {
            let lesson = run.lesson
            out += ["## Lesson \(lesson.number) of \(run.total): \(lesson.title)", ""]
            for part in run.parts {
                if let title = part.title { out += ["### \(title)", ""] }
                for item in part.items {
                    if case .check = item {
                    } else if out.last?.hasPrefix("- ✓") == true || out.last?.hasPrefix("- ✗") == true
                        || out.last?.hasPrefix("- ?") == true
                    {
                        out.append("")  // the end of a list of checks
                    }
                    switch item {
                    case .prose(let lines):
                        var text = lines
                        while text.first?.trimmingWhitespace().isEmpty == true { text.removeFirst() }
                        while text.last?.trimmingWhitespace().isEmpty == true { text.removeLast() }
                        out += text + [""]
                    case .code(let language, let lines):
                        out += ["```\(language)"] + lines + ["```", ""]
                    case .command(let line, _, _, let text):
                        out += ["```console", "$ zctour \(line)", "```", "", "```text", text, "```", ""]
                    case .challenge(let challenge):
                        out += [
                            "> **Challenge `\(challenge.id)`:** \(challenge.goal)", ">",
                            "> At the prompt, `challenge \(challenge.id)` starts it and `check` measures your runs.", "",
                        ]
                    case .aside(let text):
                        out += [text, ""]
                    case .check(let check):
                        let (mark, detail) = HandoutDocument.checkText(check)
                        out += ["- \(mark) `expect \(check.expect)` (\(detail))"]
                    }
                }
                if out.last != "" { out.append("") }
            }
            out += ["**\(HandoutDocument.summary(run.checks))**", ""]
        }
        return out.joined(separator: "\n")
    }

    // MARK: HTML

    /// The runs of every lesson as JSON, embedded for machines (a `<script>` of type
    /// application/json is data, never run). `<`, `>` and `&` are escaped inside strings, so the
    /// block cannot close itself and stays well-formed XML.
    func data() throws -> String {
        struct LessonData: Encodable {
            let id: String
            let number: Int
            let title: String
            let runs: [RunRecord]
            let checks: [LessonPlayer.ClaimResult]
        }
        struct Document: Encodable {
            let schema = JSONSchema.export
            let machine: Machine
            let lessons: [LessonData]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let document = Document(
            machine: machine,
            lessons: lessons.map {
                LessonData(id: $0.lesson.id, number: $0.lesson.number, title: $0.lesson.title, runs: $0.records, checks: $0.checks)
            })
        return HTML.scriptJSON(try encoder.encode(document))
    }

    func html() throws -> String {
        var body: [String] = []
        body.append("<header><h1>\(HTML.escape(title))</h1><p class=\"machine\">\(HTML.escape(measuredOn))</p></header>")
        if lessons.count > 1 {
            body.append(
                "<nav><ol>"
                    + lessons.map {
                        "<li><a href=\"#lesson-\($0.lesson.number)\">\(HTML.escape($0.lesson.title))</a></li>"
                    }.joined() + "</ol></nav>")
        }
        for run in lessons {
            let lesson = run.lesson
            body.append("<section class=\"lesson\" id=\"lesson-\(lesson.number)\">")
            body.append("<h2>Lesson \(lesson.number) of \(run.total): \(HTML.escape(lesson.title))</h2>")
            for part in run.parts {
                if let title = part.title { body.append("<h3>\(HTML.escape(title))</h3>") }
                var checks: [String] = []
                func flushChecks() {
                    if !checks.isEmpty { body.append("<ul class=\"checks\">" + checks.joined() + "</ul>") }
                    checks = []
                }
                for item in part.items {
                    if case .check(let check) = item {
                        let (mark, detail) = HandoutDocument.checkText(check)
                        checks.append(
                            "<li class=\"\(HTML.escape(check.outcome))\"><span class=\"mark\">\(mark)</span> "
                                + "<code>expect \(HTML.escape(check.expect))</code> <span class=\"detail\">(\(HTML.escape(detail)))</span></li>"
                        )
                        continue
                    }
                    flushChecks()
                    switch item {
                    case .prose(let lines): body.append(HTML.prose(lines))
                    case .code(let language, let lines):
                        let kind = language.isEmpty ? "" : " class=\"language-\(HTML.escape(language))\""
                        body.append("<pre><code\(kind)>\(HTML.escape(lines.joined(separator: "\n")))</code></pre>")
                    case .command(let line, _, let records, let text):
                        body.append("<div class=\"run\"><p class=\"command\"><code>$ zctour \(HTML.escape(line))</code></p>")
                        if records.count > 1 {
                            body.append("<pre class=\"output\">\(HTML.escape(HandoutDocument.withoutTextCharts(text)))</pre>")
                            body.append("<div class=\"charts\">" + SVGChart.comparison(records).map { $0.render() }.joined() + "</div>")
                        } else {
                            body.append("<pre class=\"output\">\(HTML.escape(text))</pre>")
                        }
                        body.append("</div>")
                    case .challenge(let challenge):
                        body.append(
                            "<div class=\"challenge\"><p><strong>Challenge <code>\(HTML.escape(challenge.id))</code>:</strong> "
                                + HTML.inline(challenge.goal)
                                + "</p><p class=\"aside\">At the prompt, <code>challenge \(HTML.escape(challenge.id))</code> "
                                + "starts it and <code>check</code> measures your runs.</p></div>")
                    case .aside(let text):
                        body.append("<p class=\"aside\">\(HTML.escape(text))</p>")
                    case .check: break
                    }
                }
                flushChecks()
            }
            let bad = run.checks.contains { $0.outcome == "failed" || $0.outcome == "invalid" }
            body.append("<p class=\"summary \(bad ? "failed" : "passed")\">\(HTML.escape(HandoutDocument.summary(run.checks)))</p>")
            body.append("</section>")
        }
        body.append(
            "<footer><p>Written by <code>zctour export</code>. The runs behind these numbers are in this file as JSON "
                + "(<code>script#zctour-data</code>).</p></footer>")
        return HTML.page(title: title, style: HandoutDocument.css, body: body, data: try data())
    }

    static let css = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
        h1{font-size:1.8rem;margin-bottom:.2rem}h2{margin-top:3rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}h3{margin-top:2rem}
        .machine{color:#555}code{font:.9em ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;background:#f3f3f5;padding:0 .2em;border-radius:3px}
        pre{background:#f6f6f8;border:1px solid #e2e2e6;border-radius:6px;padding:.7rem;overflow-x:auto;line-height:1.35}pre code{background:none;padding:0}
        pre.output,pre.notes{font-size:.85rem}.command code{background:#1d1d1f;color:#f5f5f7;padding:.3em .6em;display:inline-block}
        table{border-collapse:collapse;margin:.8rem 0;font-variant-numeric:tabular-nums}th,td{border-bottom:1px solid #e2e2e6;padding:.25rem .6rem;text-align:right}
        th.label,td.label{text-align:left}table.prose th,table.prose td{text-align:left}table.compare{font-size:.9rem}
        .charts{display:flex;flex-wrap:wrap;gap:1rem}svg.chart{max-width:100%;height:auto;font:12px ui-monospace,Menlo,Consolas,monospace}
        .chart-title{font-weight:bold;fill:#1d1d1f}.chart-label,.chart-value{fill:#333}.bar{fill:#3b6fb6}.whisker{stroke:#1d1d1f;stroke-width:1.5;fill:none}
        ul.checks{list-style:none;padding-left:1rem;font-size:.9rem}li.passed .mark{color:#1a7f37}li.failed .mark,li.invalid .mark{color:#c62828}
        li.unavailable .mark{color:#9a6700}.summary{font-weight:bold}.summary.passed{color:#1a7f37}.summary.failed{color:#c62828}
        .challenge{border:1px solid #c9d7ee;background:#f4f8ff;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
        .aside{color:#444;font-size:.95rem;white-space:pre-wrap}
        blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1rem;color:#444}footer{margin-top:3rem;color:#666;font-size:.85rem}
        @media print{body{max-width:none;margin:0}pre{white-space:pre-wrap}h2{page-break-before:always}.run{page-break-inside:avoid}}
        """
}
