import ArgumentParser
import ZeroCopy

/// `zctour sweep DEMO --buffer 512..4M`: the same demo at every buffer size of a doubling range,
/// with the memcpy limit, so the learner sees the knee where a bigger buffer stops paying.
public struct SweepCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run one demo at each buffer size of a range and chart where bigger buffers stop helping.",
        discussion: "--buffer takes a doubling range such as 512..4M (the default) or a list such as 4K,64K,1M.")

    @Argument(
        help: "The demo to sweep; it must take --buffer.",
        completion: .list(Demo.all.filter { $0.options.contains(.buffer) }.map(\.id)))
    var demo: String

    @OptionGroup var options: DemoOptions
    @OptionGroup var rounds: RoundOptions
    @OptionGroup public var output: OutputOptions

    public init() {}

    static let defaultRange = "512..4M"
    /// The largest buffer of the default range (doctor weighs the locked-memory limit against it).
    static let defaultLargestBuffer = 4 << 20
    static let mostPoints = 24

    public func execute(in context: TourContext) throws {
        let demo = try DemoOptions.demo(named: demo)
        guard demo.options.contains(.buffer), !demo.runsSteps else {
            throw UsageError("sweep varies --buffer, which '\(demo.id)' does not take: \(demo.reason(without: .buffer))")
        }
        try options.refuseLearnerFiles(in: context)
        let buffers = try SweepCommand.buffers(options.buffer ?? SweepCommand.defaultRange)
        var fixed = options
        fixed.buffer = nil
        fixed = fixed.merged(with: context.activeDefaults, for: [demo])
        fixed.buffer = nil  // the range, not the session's default buffer
        let base = try fixed.settings(for: demo)
        var rows: [RunSettings] = []
        for buffer in buffers {
            rows.append(
                try RunSettings(
                    demo: demo, size: demo.options.contains(.size) ? base.size : nil, buffer: buffer,
                    sink: demo.options.contains(.to) ? base.sink : nil, repeatCount: base.repeatCount,
                    cold: base.cold, direct: base.direct, queue: demo.options.contains(.queue) ? base.queue : nil, file: base.file,
                    coldConfirmed: base.coldConfirmed))
        }
        let plan = try rounds.plan(atLeast: base.repeatCount > 1 ? base.repeatCount : nil)
        let comparison = try context.runner.measure(
            rows.map { ($0, $0.label(showingBuffer: true)) }, limitSize: base.size, plan: plan, warmUp: true, progress: "sweep \(demo.id)")
        for record in comparison.records { context.remember(record) }
        let knee = SweepView.knee(comparison)
        if context.json {
            try context.emitJSON(
                JSONDocument.Sweep(
                    demo: demo.id, runs: comparison.records, kneeBuffer: knee?.shown.buffer, limit: comparison.limit?.shown,
                    rounds: comparison.rounds, ratios: JSONDocument.Ratios.all(comparison)))
        } else {
            context.say(SweepView.render(comparison, style: context.style, folded: context.foldedCharts))
        }
    }

    /// `A..B` doubles from A while it stays within B; `A,B,C` is taken as given.
    public static func buffers(_ text: String) throws(UsageError) -> [Int] {
        func size(_ part: Substring) throws(UsageError) -> Int {
            let value: Int
            do { value = try ByteSize.parse(String(part)) } catch { throw UsageError("--buffer: \(error)") }
            guard value >= 1 else { throw UsageError("--buffer sizes must be at least 1 byte, not 0") }
            return value
        }
        var values: [Int] = []
        if let range = text.range(of: "..") {
            let low = try size(text[..<range.lowerBound])
            let high = try size(text[range.upperBound...])
            guard low <= high else {
                throw UsageError("--buffer \(text): the range must go up, e.g. \(ByteSize.compact(high))..\(ByteSize.compact(low))")
            }
            var value = low
            while value <= high && values.count <= mostPoints {
                values.append(value)
                value *= 2
            }
        } else {
            for part in text.split(separator: ",", omittingEmptySubsequences: false) { values.append(try size(part)) }
            values = Array(Set(values)).sorted()  // the knee is "the smallest that…": rows go up, once each
        }
        guard values.count >= 2 else {
            throw UsageError("sweep needs two buffer sizes or more: a range such as 512..4M or a list such as 4K,64K")
        }
        guard values.count <= mostPoints else {
            throw UsageError("--buffer \(text) makes more than \(mostPoints) sizes; narrow the range")
        }
        if let largest = values.max(), largest > RunSettings.maximumBuffer {
            throw UsageError("--buffer \(ByteSize.compact(largest)) is too large: the most is 1G")
        }
        return values
    }
}
