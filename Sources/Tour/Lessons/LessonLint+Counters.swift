import ArgumentParser
import ZeroCopy

/// Lint's prose rule: a counter that a section's prose names (`rchar`, in backticks) must be on
/// the screen when the learner reads that prose, so one of the section's commands has to show
/// it at 80 columns. A run shows every counter; a comparison, a sweep or `choose` shows the
/// columns its table keeps at that width, which lint finds by rendering the real view with
/// rows of the sizes the demos print. Checks do not count: the tour folds those that held.
/// The "What to remember" paragraph sums up the lesson rather than the table above it, and is
/// not held to the rule.
extension LessonLint {
    /// The width the rule is judged at: a laptop's terminal.
    static let proseWidth = 80

    /// Counter names a lesson's prose may name, as the checks spell them.
    static let proseCounters: Set<String> = [
        "syscr", "syscw", "rchar", "wchar", "read_bytes", "write_bytes", "minflt", "majflt",
        "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches", "allocations", "allocated_bytes", "copied_bytes",
        "peer_syscr", "peer_syscw", "peer_rchar",
    ]

    /// A table column's title and the counter it shows.
    static let columnCounters = [
        "syscr": "syscr", "syscw": "syscw", "rchar": "rchar", "wchar": "wchar", "minflt": "minflt", "allocs": "allocations",
        "read_bytes": "read_bytes",
    ]

    /// Counters named in a section's prose that none of its commands shows at 80 columns.
    static func proseCounterProblems(in lesson: Lesson, text: String) -> [LessonError] {
        var problems: [LessonError] = []
        for section in proseSections(text) where !Lesson.sourcesTitles.contains(section.title ?? "") {
            var shown: Set<String> = []
            for command in section.commands { shown.formUnion(counters(shownBy: command)) }
            var reported: Set<String> = []
            for (line, name) in section.named where !reported.contains(name) {
                let wanted = name == "peer_*" ? ["peer_syscr", "peer_syscw", "peer_rchar"] : [name]
                let missing = wanted.filter { !shown.contains($0) }
                guard !missing.isEmpty else { continue }
                reported.insert(name)
                let what =
                    section.commands.isEmpty
                    ? "this section runs no command that shows it"
                    : "no command of this section shows \(missing.joined(separator: ", ")) at \(proseWidth) columns"
                        + (shown.isEmpty || shown.count > 6 ? "" : " (they show \(shown.sorted().joined(separator: ", ")))")
                problems.append(
                    LessonError(
                        path: lesson.path, line: line,
                        problem: "the prose names `\(name)`, but \(what); show it (run shows every counter) or name what is shown"))
            }
        }
        return problems
    }

    /// A section of the raw text: its title, the counters its prose names (with their lines),
    /// and its `zctour` commands (predictions count as shown: their verdict names the counter).
    struct ProseSection {
        var title: String?
        var named: [(line: Int, name: String)] = []
        var commands: [String] = []
    }

    static func proseSections(_ text: String) -> [ProseSection] {
        var sections = [ProseSection()]
        var fence: String?
        var inFrontMatter = false
        var paragraphStart = true
        var summary = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if index == 0 && line == "---" {
                inFrontMatter = true
                continue
            }
            if inFrontMatter {
                if line == "---" { inFrontMatter = false }
                continue
            }
            if line.hasPrefix("```") {
                fence = fence == nil ? line.dropFirst(3).trimmingWhitespace() : nil
                continue
            }
            if let fence {
                let command = line.trimmingWhitespace()
                guard fence == "zctour", !command.isEmpty, !command.hasPrefix("#"), !command.hasPrefix("expect ") else { continue }
                if command.hasPrefix("predict ") {
                    let expression = command.dropFirst("predict ".count).split(separator: ":").first ?? ""
                    sections[sections.count - 1].commands.append("predict " + expression)
                } else {
                    sections[sections.count - 1].commands.append(command)
                }
                continue
            }
            if line.hasPrefix("## ") {
                sections.append(ProseSection(title: line.dropFirst(3).trimmingWhitespace()))
                paragraphStart = true
                continue
            }
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                paragraphStart = true
                summary = false
                continue
            }
            if paragraphStart { summary = summaryOpenings.contains { trimmed.hasPrefix($0) } }
            paragraphStart = false
            guard !summary else { continue }
            for name in codeSpans(trimmed) where proseCounters.contains(name) || name == "peer_*" {
                sections[sections.count - 1].named.append((index + 1, name))
            }
        }
        return sections
    }

    /// How a lesson's closing summary starts, in English and in its translation: it recalls
    /// the lesson's counters rather than showing them.
    static let summaryOpenings = ["**What to remember", "**要记住的"]

    /// The text of each `code span` in a line.
    static func codeSpans(_ line: String) -> [String] {
        let parts = line.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }
    }

    /// The counters a command of a lesson shows at 80 columns.
    static func counters(shownBy command: String) -> Set<String> {
        let words = CommandTokenizer.split(command)
        if words.first == "predict", words.count > 1 {
            return Set(words.dropFirst().compactMap { $0.split(separator: ".").last.map(String.init) }.filter(proseCounters.contains))
        }
        guard let parsed = try? ZCTour.parseAsRoot(words) else { return [] }
        switch parsed {
        case let run as RunCommand:
            guard let demo = try? DemoOptions.demo(named: run.demo), let settings = try? run.options.settings(for: demo) else { return [] }
            return runViewCounters(settings)
        case let trace as TraceCommand:
            guard let demo = try? DemoOptions.demo(named: trace.demo), let settings = try? trace.options.settings(for: demo) else {
                return []
            }
            return runViewCounters(settings)
        case let compare as CompareCommand:
            guard let demos = try? compare.demos.map({ name throws(UsageError) in try DemoOptions.demo(named: name) }),
                let rows = try? compare.options.comparison(of: demos).rows
            else { return [] }
            let records = rows.enumerated().map { placeholder($0.element.0, label: $0.element.1, row: $0.offset) }
            return tableCounters(CompareView.render(placeholderComparison(records), style: lintStyle))
        case let sweep as SweepCommand:
            guard let demo = try? DemoOptions.demo(named: sweep.demo),
                let buffers = try? SweepCommand.buffers(sweep.options.buffer ?? SweepCommand.defaultRange),
                let base = try? sweep.options.settings(for: demo)
            else { return [] }
            let records = buffers.enumerated().map { index, buffer in
                var settings = base
                settings.buffer = buffer
                return placeholder(settings, label: "\(demo.id)@\(ByteSize.compact(buffer))", row: index)
            }
            return tableCounters(SweepView.render(placeholderComparison(records), style: lintStyle))
        case let choose as ChooseCommand:
            let sink: SinkKind = choose.sink == "socket" ? .socket : .file
            let records = ChooseCommand.fileDemos(for: sink).enumerated().compactMap { index, demo -> RunRecord? in
                guard let settings = try? RunSettings(demo: demo, size: nil, buffer: nil, sink: sink, repeatCount: nil, cold: false)
                else { return nil }
                return placeholder(settings, label: demo.id, row: index)
            }
            return tableCounters(CompareView.render(placeholderComparison(records), style: lintStyle))
        case let explain as ExplainCommand:
            return explain.counter.map { [$0] } ?? []
        default:
            return []
        }
    }

    static let lintStyle = Style(color: false, width: proseWidth, unicode: true)

    /// A run view shows every counter; the receiver's line its syscr and rchar; `cow` its
    /// steps' allocations; the in-memory walks what they copied.
    static func runViewCounters(_ settings: RunSettings) -> Set<String> {
        if settings.demo.runsSteps { return ["allocations", "allocated_bytes"] }
        var shown = proseCounters.subtracting(["copied_bytes", "peer_syscr", "peer_syscw", "peer_rchar"])
        if settings.demo.movesFile && settings.sink == .socket { shown.formUnion(["peer_syscr", "peer_rchar"]) }
        if !settings.demo.movesFile { shown.insert("copied_bytes") }
        return shown
    }

    /// The counters among a rendered table's column titles (its first line).
    static func tableCounters(_ rendered: String) -> Set<String> {
        let header = rendered.split(separator: "\n").first.map(String.init) ?? ""
        let titles = header.components(separatedBy: "  ").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return Set(titles.compactMap { columnCounters[$0] })
    }

    /// A row as wide as the demos print it: the loop's counts for the size and buffer, the
    /// sample's size in bytes, faults and allocations that differ from row to row (the views
    /// keep such columns longer), and times and rates of the usual width.
    static func placeholder(_ settings: RunSettings, label: String, row: Int) -> RunRecord {
        let calls = settings.size / max(settings.buffer, 1) + 1
        let wall = 12_345_678
        var counters = RunRecord.Counters.placeholder
        counters.syscr = calls
        counters.syscw = calls - 1
        counters.rchar = settings.size
        counters.wchar = settings.size
        counters.readBytes = settings.cold || settings.direct ? settings.size : 0
        counters.writeBytes = 0
        counters.minflt = row + 1
        counters.cpuNanoseconds = wall
        counters.wallNanoseconds = wall
        var record = RunRecord(
            demo: settings.demo.id, label: label, size: settings.size, buffer: settings.buffer,
            sink: settings.demo.movesFile ? settings.sink.rawValue : "memory", repeatCount: settings.repeatCount, cold: settings.cold,
            bytes: settings.size, verified: true, verification: "", checksum: "0", calls: calls, wallNanoseconds: wall,
            wallNanosecondsAll: [wall], counters: counters, countersUnavailable: nil,
            allocations: .init(count: row + 1, bytes: settings.buffer), peer: nil, pageCache: nil, copiedBytes: nil, steps: nil,
            notes: [])
        if let blind = settings.demo.blindSpot { record.countersBlind = .init(counters: blind.counters, reason: blind.reason) }
        return record
    }

    /// The rows in the rounds a comparison runs them in, with the memcpy limit among them.
    static func placeholderComparison(_ records: [RunRecord]) -> Comparison {
        let rounds = RoundPlan.defaultMinimum
        func row(_ record: RunRecord) -> MeasuredRow { MeasuredRow(label: record.label, runs: Array(repeating: record, count: rounds)) }
        var limit = records.first
        limit?.label = "limit"
        limit?.demo = "memcpy"
        limit?.sink = "memory"
        limit?.wallNanoseconds /= 4
        return Comparison(rows: records.map(row), limit: limit.map(row), rounds: rounds)
    }
}

extension RunRecord.Counters {
    /// Zeroes, for a row lint renders to see which columns fit.
    static var placeholder: RunRecord.Counters { RunRecord.Counters(zeroes: ()) }

    private init(zeroes: Void) {
        syscr = 0
        syscw = 0
        rchar = 0
        wchar = 0
        readBytes = 0
        writeBytes = 0
        minflt = 0
        majflt = 0
        voluntarySwitches = 0
        nonvoluntarySwitches = 0
        cpuNanoseconds = 0
        utimeNanoseconds = 0
        stimeNanoseconds = 0
        peakRSSBytes = 0
        wallNanoseconds = 0
    }
}
