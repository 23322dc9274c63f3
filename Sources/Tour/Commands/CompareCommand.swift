import ArgumentParser
import ZeroCopy

/// `zctour compare DEMO DEMO...`: one table, a row per demo (and per buffer size).
public struct CompareCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run several demos on the same input and compare them in one table.")

    @Argument(help: "The demos to compare, the first being the baseline.", completion: .list(Demo.all.map(\.id)))
    var demos: [String] = []

    @OptionGroup var options: DemoOptions
    @OptionGroup var rounds: RoundOptions
    @OptionGroup var tracing: TraceOptions
    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        let tracing = try tracing.wanted()
        guard !demos.isEmpty else { throw UsageError("compare needs at least one demo, e.g. compare read-write sendfile") }
        try options.refuseLearnerFiles(in: context)
        var parsed: [Demo] = []
        for name in demos { parsed.append(try DemoOptions.demo(named: name)) }
        if let steps = parsed.first(where: \.runsSteps) {
            throw UsageError("\(steps.id) is a walk through copy-on-write steps, not a transfer to compare; run \(steps.id) shows it")
        }
        let merged = options.merged(with: context.activeDefaults, for: parsed)
        var (rows, notes) = try merged.comparison(of: parsed)
        guard rows.count > 1 else {
            throw UsageError("compare needs two rows or more: name two demos, or give one demo several buffers (--buffer 4K,64K)")
        }
        // A demo this machine cannot run (io_uring refused, a send too big to pin) leaves its row out, and says why.
        let refusals = context.runner.refusals(among: rows.map(\.0))
        for refusal in refusals {
            context.remember(refusal)
            notes.append("\(refusal.demo) not run: \(refusal.reason)")
        }
        rows.removeAll { row in refusals.contains { $0.demo == row.0.demo.id } }
        if rows.isEmpty, let refusal = refusals.first { throw RuntimeFailure("\(refusal.demo): \(refusal.reason)", refusal: refusal) }
        let plan = try rounds.plan(atLeast: try merged.parsedRepeat())
        let comparison = try context.runner.measure(
            rows, limitSize: rows.map(\.0.size).max() ?? RunSettings.defaultSize, plan: plan, warmUp: true, progress: "compare")
        var records: [RunRecord] = []
        for (row, (settings, _)) in zip(comparison.rows, rows) {
            var record = row.shown
            if tracing.trace { try SyscallTrace.attach(to: &record, settings: settings, lines: tracing.lines, runner: context.runner) }
            context.remember(record)
            records.append(record)
        }
        if context.json {
            try context.emitJSON(JSONDocument.Compare(comparison, runs: records, notes: notes, refused: refusals))
        } else {
            var text = CompareView.render(comparison, style: context.style)
            for note in notes {
                text +=
                    "\n"
                    + TextWrapper.wrap(note, width: context.style.width, first: "  ", rest: "    ").map(context.style.dim).joined(
                        separator: "\n")
            }
            context.say(text)
            for record in records {
                if let traced = SyscallView.render(record, style: context.style) {
                    context.say(context.style.bold("\n  \(record.label)") + "\n" + traced)
                }
            }
        }
    }
}
