/// One row of a comparison over its rounds: every round's run, and the one shown, which is the
/// round of median wall time with all of its own counters (as `run --repeat` shows its median
/// run), so the numbers of a row always come from one and the same run. The exact counters are
/// expected to agree between rounds; those that did not are named (`varied`), since a count the
/// tour shows once must say when it was not the same every time.
public struct MeasuredRow: Sendable {
    public let label: String
    /// One run per round, in round order.
    public let runs: [RunRecord]
    /// The index in `runs` of the round shown.
    public let shownRound: Int
    /// The shown round's record, with the rounds' times, the varied counters and the noise.
    public let shown: RunRecord
    public let noise: RowNoise
    /// Exact counters that were not the same in every round, by their JSON name: lowest and highest.
    public let varied: [String: ClosedRange<Int>]

    public init(label: String, runs: [RunRecord]) {
        self.label = label
        self.runs = runs
        let byTime = runs.indices.sorted { runs[$0].wallNanoseconds < runs[$1].wallNanoseconds }
        shownRound = byTime.isEmpty ? 0 : byTime[(byTime.count - 1) / 2]
        noise = RowNoise(runs)
        var varied: [String: ClosedRange<Int>] = [:]
        for (name, read) in MeasuredRow.exactCounters {
            let values = runs.compactMap(read)
            if let low = values.min(), let high = values.max(), low != high { varied[name] = low...high }
        }
        self.varied = varied
        var shown = runs.isEmpty ? nil : runs[shownRound]
        shown?.wallNanosecondsAll = runs.map(\.wallNanoseconds)
        shown?.cpuNanosecondsAll = runs.map(\.counters.cpuNanoseconds)
        shown?.rounds = runs.count
        shown?.varied = varied.isEmpty ? nil : varied.mapValues { [$0.lowerBound, $0.upperBound] }
        shown?.noise = noise
        // An empty row cannot be made (the rounds run at least once); this keeps the type total.
        self.shown = shown ?? RunRecord.empty(label: label)
    }

    /// The counters the kernel and the allocator count exactly, which should not change from round to round.
    static let exactCounters: [(String, @Sendable (RunRecord) -> Int?)] = [
        ("bytes", { $0.bytes }), ("calls", { $0.calls }),
        ("syscr", { $0.counters.syscr }), ("syscw", { $0.counters.syscw }),
        ("rchar", { $0.counters.rchar }), ("wchar", { $0.counters.wchar }),
        ("read_bytes", { $0.counters.readBytes }), ("write_bytes", { $0.counters.writeBytes }),
        ("minflt", { $0.counters.minflt }), ("majflt", { $0.counters.majflt }),
        ("allocations", { $0.allocations.count }), ("allocated_bytes", { $0.allocations.bytes }),
    ]

    /// Bytes per nanosecond in each round.
    public var rates: [Double] { runs.map { Double($0.bytes) / Double(max($0.wallNanoseconds, 1)) } }

    /// The working thread's CPU time in each round.
    public var cpuTimes: [Double] { runs.map { Double($0.counters.cpuNanoseconds) } }

    /// The wall time's median and range over the rounds.
    public var time: MedianRange? { MedianRange(runs.map { Double($0.wallNanoseconds) }) }

    /// Whether the row waits for something by design (a receiver, storage), so that its wall
    /// time is not its cost on a core.
    public var waits: Bool { shown.sink == "socket" || shown.cold || shown.direct == true }
}

extension RunRecord {
    /// A record with nothing in it: what a row without runs shows (never, in practice).
    static func empty(label: String) -> RunRecord {
        RunRecord(
            demo: label, label: label, size: 0, buffer: 0, sink: "memory", repeatCount: 1, cold: false, bytes: 0, verified: false,
            verification: "", checksum: nil, calls: 0, wallNanoseconds: 0, wallNanosecondsAll: [],
            counters: RunRecord.Counters(), countersUnavailable: nil, allocations: Allocations(count: 0, bytes: 0), peer: nil,
            pageCache: nil, copiedBytes: nil, steps: nil, notes: [])
    }
}
