import ArgumentParser
import Foundation
import Probe
import ZeroCopy

/// The traced child: runs one demo with marked windows and prints its record as JSON. Not for
/// people; `--trace` starts it. With `--replay` it first does what the measured process did
/// before the traced run (`TraceReplay`), so that its window is that run's, memory calls too;
/// without it, it is a fresh process making one run, as `zctour run` is.
struct TraceChildCommand: TourCommand {
    static let configuration = CommandConfiguration(
        commandName: "__trace-child", abstract: "Run one demo for the tracer (internal).", shouldDisplay: false)

    @Argument var demo: String
    @OptionGroup var options: DemoOptions
    @Option(help: "The measured process's history, as JSON (TraceReplay).") var replay: String?
    @OptionGroup var output: OutputOptions

    init() {}

    func execute(in context: TourContext) throws {
        context.runner.marksWindows = true
        let record: RunRecord
        if let replay {
            let history: TraceReplay
            do { history = try JSONDecoder().decode(TraceReplay.self, from: Data(replay.utf8)) } catch {
                throw UsageError("--replay is not a schedule zctour wrote: \(error)")
            }
            record = try context.runner.replay(history)
        } else {
            var settings = try options.settings(for: try DemoOptions.demo(named: demo))
            settings.repeatCount = 1
            record = try context.runner.run(settings)
        }
        try context.emitJSON(JSONDocument.Run(run: record))
    }
}
