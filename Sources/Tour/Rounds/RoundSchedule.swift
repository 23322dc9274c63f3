import ZeroCopy

/// What one measurement runs, in a form another process can run again: its rows, the size of
/// the memcpy limit among them, and whether each row warms up first. With the position of one
/// run in it, it is how a traced child repeats the history of the measured process up to the
/// run it traces (`TraceReplay`).
public struct RoundSchedule: Sendable, Equatable, Codable {
    public var rows: [Row]
    public var limitSize: Int?
    public var warmUp: Bool

    /// A row's settings, by value.
    public struct Row: Sendable, Equatable, Codable {
        public var label: String
        public var demo: String
        public var size: Int
        public var buffer: Int
        public var sink: String
        public var cold: Bool
        public var direct: Bool
        /// The io_uring demos' chunks in flight; nil for the others (and in older schedules).
        public var queue: Int?

        init(_ settings: RunSettings, label: String) {
            self.label = label
            demo = settings.demo.id
            size = settings.size
            buffer = settings.buffer
            sink = settings.sink.rawValue
            cold = settings.cold
            direct = settings.direct
            queue = settings.demo.options.contains(.queue) ? settings.queue : nil
        }

        /// The settings again, checked as the command line checks them.
        func settings() throws -> RunSettings {
            guard let demo = Demo.named(demo), let sink = SinkKind(rawValue: sink) else {
                throw UsageError("the schedule names an unknown demo or sink: \(self.demo) → \(self.sink)")
            }
            func given(_ option: Demo.Option) -> Bool { demo.options.contains(option) }
            return try RunSettings(
                demo: demo, size: given(.size) ? size : nil, buffer: given(.buffer) || demo.runsSteps ? buffer : nil,
                sink: given(.to) || demo.movesFile ? sink : nil, repeatCount: 1, cold: cold, direct: direct,
                queue: given(.queue) ? queue : nil)
        }
    }

    init(rows: [(RunSettings, String)], limitSize: Int?, warmUp: Bool) {
        self.rows = rows.map { Row($0.0, label: $0.1) }
        self.limitSize = limitSize
        self.warmUp = warmUp
    }

    /// Rows, then the limit: the entries every round runs.
    var entries: Int { rows.count + (limitSize == nil ? 0 : 1) }
}

/// How a traced child repeats what the measured process did before the run it traces, so that
/// the child's window is that run's: the same samples written, the same buffers allocated and
/// freed, in the same order (glibc's malloc decides between its heap and a mapping of its own by
/// what was freed before: a dynamic threshold). `complete` says whether that history is all the
/// process did; in a session with earlier commands it is not, and the trace table says which
/// calls may differ for that reason.
public struct TraceReplay: Sendable, Equatable, Codable {
    public var schedule: RoundSchedule
    /// The traced run: its round (from 0) and its entry in that round's list (rows, then limit).
    public var round: Int
    public var entry: Int
    public var complete: Bool
}
