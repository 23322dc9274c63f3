import ArgumentParser
import ZeroCopy

/// `zctour run DEMO`: one demo, measured and verified.
public struct RunCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one demo and show what the kernel counted.",
        discussion: "Demos: " + Demo.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: "; ") + ".")

    @Argument(help: "The demo to run (zctour list shows them).", completion: .list(Demo.allCases.map(\.rawValue)))
    var demo: String

    @OptionGroup var options: DemoOptions
    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        let demo = try DemoOptions.demo(named: demo)
        let settings = try options.merged(with: context.activeDefaults, for: [demo]).settings(for: demo)
        let record = try context.session.run(settings)
        context.remember(record)
        if context.json {
            try context.emitJSON(JSONDocument.Run(run: record))
        } else {
            context.say(RunView.render(record, style: context.style))
        }
    }
}

/// `zctour compare DEMO DEMO...`: one table, a row per demo (and per buffer size).
public struct CompareCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run several demos on the same input and compare them in one table.")

    @Argument(help: "The demos to compare, the first being the baseline.", completion: .list(Demo.allCases.map(\.rawValue)))
    var demos: [String] = []

    @OptionGroup var options: DemoOptions
    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        guard !demos.isEmpty else { throw UsageError("compare needs at least one demo, e.g. compare read-write sendfile") }
        var parsed: [Demo] = []
        for name in demos { parsed.append(try DemoOptions.demo(named: name)) }
        if parsed.contains(.cow) {
            throw UsageError("cow is a walk through copy-on-write steps, not a transfer to compare; run cow shows it")
        }
        let (rows, notes) = try options.merged(with: context.activeDefaults, for: parsed).comparison(of: parsed)
        guard rows.count > 1 else {
            throw UsageError("compare needs two rows or more: name two demos, or give one demo several buffers (--buffer 4K,64K)")
        }
        try context.session.checkResources(for: rows.map(\.0))
        var records: [RunRecord] = []
        for (settings, label) in rows {
            let record = try context.session.run(settings, label: label, warmUp: true)
            context.remember(record)
            records.append(record)
        }
        if context.json {
            try context.emitJSON(JSONDocument.Compare(runs: records, notes: notes))
        } else {
            var text = CompareView.render(records, style: context.style)
            for note in notes { text += "\n" + context.style.dim("  " + note) }
            context.say(text)
        }
    }
}
