import ArgumentParser
import Foundation
import Probe
import ZeroCopy

/// The traced child: runs one demo with marked windows and prints its record as JSON. Not for
/// people; `--trace` starts it.
struct TraceChildCommand: TourCommand {
    static let configuration = CommandConfiguration(
        commandName: "__trace-child", abstract: "Run one demo for the tracer (internal).", shouldDisplay: false)

    @Argument var demo: String
    @OptionGroup var options: DemoOptions
    @Option var samplePath: String?
    @Option var sampleChecksum: String?
    @OptionGroup var output: OutputOptions

    init() {}

    func execute(in context: TourContext) throws {
        context.runner.marksWindows = true
        var settings = try options.settings(for: try DemoOptions.demo(named: demo))
        settings.repeatCount = 1
        if let samplePath, let text = sampleChecksum, let checksum = UInt64(text, radix: 16) {
            context.runner.samples.adopt(try SampleFile(existing: samplePath, size: settings.size, checksum: checksum))
        }
        let record = try context.runner.run(settings)
        try context.emitJSON(JSONDocument.Run(run: record))
    }
}
