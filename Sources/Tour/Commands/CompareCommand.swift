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
        let (rows, notes) = try options.merged(with: context.activeDefaults, for: parsed).comparison(of: parsed)
        guard rows.count > 1 else {
            throw UsageError("compare needs two rows or more: name two demos, or give one demo several buffers (--buffer 4K,64K)")
        }
        try context.runner.checkResources(for: rows.map(\.0))
        var records: [RunRecord] = []
        let progress = ProgressLine.shared.begin("compare", steps: rows.count)
        defer { ProgressLine.shared.end(progress) }
        for (index, (settings, label)) in rows.enumerated() {
            ProgressLine.shared.advance(progress, to: index + 1, detail: label)
            var record = try context.runner.run(settings, label: label, warmUp: true)
            if tracing.trace { try SyscallTrace.attach(to: &record, settings: settings, lines: tracing.lines, runner: context.runner) }
            context.remember(record)
            records.append(record)
        }
        let limit = try context.runner.limit(size: rows.map(\.0.size).max() ?? RunSettings.defaultSize)
        if context.json {
            try context.emitJSON(JSONDocument.Compare(runs: records, notes: notes, limit: limit))
        } else {
            var text = CompareView.render(records, limit: limit, style: context.style)
            for note in notes { text += "\n" + context.style.dim("  " + note) }
            context.say(text)
            for record in records {
                if let traced = SyscallView.render(record, style: context.style) {
                    context.say(context.style.bold("\n  \(record.label)") + "\n" + traced)
                }
            }
        }
    }
}
