import ArgumentParser
import ZeroCopy

/// `--trace` and `--lines`, shared by run, compare and trace.
public struct TraceOptions: ParsableArguments {
    @Flag(name: .long, help: "Also count the exact syscalls of the window, in a separate run under ptrace.")
    var trace = false

    @Option(name: .long, help: "With --trace: show the first N syscalls of the window decoded, like strace.")
    var lines: Int?

    public init() {}

    func wanted() throws(UsageError) -> (trace: Bool, lines: Int) {
        if let lines, lines < 0 || lines > 100_000 { throw UsageError("--lines must be between 0 and 100000, not \(lines)") }
        return (trace || lines != nil, lines ?? 0)
    }
}

/// `zctour run DEMO`: one demo, measured and verified.
public struct RunCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one demo and show what the kernel counted.",
        discussion: "Demos: " + Demo.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: "; ") + ".")

    @Argument(help: "The demo to run (zctour list shows them).", completion: .list(Demo.allCases.map(\.rawValue)))
    var demo: String

    @OptionGroup var options: DemoOptions
    @OptionGroup var tracing: TraceOptions
    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        try RunCommand.run(demo, options: options, tracing: try tracing.wanted(), in: context)
    }

    /// What run and trace do: the untraced, measured run, then (with tracing) the counted one.
    static func run(_ name: String, options: DemoOptions, tracing: (trace: Bool, lines: Int), in context: TourContext) throws {
        let demo = try DemoOptions.demo(named: name)
        let settings = try options.merged(with: context.activeDefaults, for: [demo]).settings(for: demo)
        if tracing.trace && demo == .cow { throw UsageError("cow works in memory and makes no syscalls worth tracing") }
        var record = try context.session.run(settings)
        if tracing.trace { try SyscallTrace.attach(to: &record, settings: settings, lines: tracing.lines, session: context.session) }
        context.remember(record)
        if context.json {
            try context.emitJSON(JSONDocument.Run(run: record))
        } else {
            context.say(RunView.render(record, style: context.style))
            if let traced = SyscallView.render(record, style: context.style) { context.say(traced) }
        }
    }
}

/// `trace DEMO`: `run DEMO --trace`, the exact syscalls of its window.
public struct TraceCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "trace", abstract: "Run a demo and count the exact syscalls of its window, like strace -c.")

    @Argument(help: "The demo to trace.", completion: .list(Demo.allCases.map(\.rawValue)))
    var demo: String

    @OptionGroup var options: DemoOptions
    @Option(name: .long, help: "Show the first N syscalls of the window decoded, like strace.")
    var lines: Int?
    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        var tracing = TraceOptions()
        tracing.trace = true
        tracing.lines = lines
        try RunCommand.run(demo, options: options, tracing: try tracing.wanted(), in: context)
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
    @OptionGroup var tracing: TraceOptions
    @OptionGroup public var output: OutputOptions

    public init() {}

    public func execute(in context: TourContext) throws {
        let tracing = try tracing.wanted()
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
            var record = try context.session.run(settings, label: label, warmUp: true)
            if tracing.trace { try SyscallTrace.attach(to: &record, settings: settings, lines: tracing.lines, session: context.session) }
            context.remember(record)
            records.append(record)
        }
        let limit = try context.session.limit(size: rows.map(\.0.size).max() ?? RunSettings.defaultSize)
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
