import ArgumentParser
import ZeroCopy

/// `zctour run DEMO`: one demo, measured and verified.
public struct RunCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one demo and show what the kernel counted.",
        discussion: "Demos: " + Demo.all.map { "\($0.id) (\($0.summary))" }.joined(separator: "; ") + ".")

    @Argument(help: "The demo to run (zctour list shows them).", completion: .list(Demo.all.map(\.id)))
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
        try options.refuseLearnerFiles(in: context)
        let settings = try options.merged(with: context.activeDefaults, for: [demo]).settings(for: demo)
        if tracing.trace && demo.runsSteps { throw UsageError("\(demo.id) works in memory and makes no syscalls worth tracing") }
        var record = try context.runner.run(settings)
        if tracing.trace { try SyscallTrace.attach(to: &record, settings: settings, lines: tracing.lines, runner: context.runner) }
        context.remember(record)
        if context.json {
            try context.emitJSON(JSONDocument.Run(run: record))
        } else {
            context.say(RunView.render(record, style: context.style))
            if let traced = SyscallView.render(record, style: context.style) { context.say(traced) }
        }
    }
}
