import ArgumentParser
import ZeroCopy

/// `trace DEMO`: `run DEMO --trace`, the exact syscalls of its window.
public struct TraceCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "trace", abstract: "Run a demo and count the exact syscalls of its window, like strace -c.")

    @Argument(help: "The demo to trace.", completion: .list(Demo.all.map(\.id)))
    var demo: String

    @OptionGroup var options: DemoOptions
    @Option(name: .long, parsing: .unconditional, help: "Show the first N syscalls of the window decoded, like strace.")
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
