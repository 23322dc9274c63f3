import Foundation
import TestSupport
import Tour

/// Records with chosen times, for the statistics and the views: the sendfile fixture, renamed,
/// with its wall and CPU time set per round, moving 8 MiB into /dev/null.
enum SyntheticRuns {
    static func record(_ demo: String, wall: Int, cpu: Int? = nil, sink: String = "null") throws -> RunRecord {
        var record = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: Fixtures.file("sendfile-run.json")))
        record.demo = demo
        record.label = demo
        record.sink = sink
        record.peer = sink == "socket" ? record.peer : nil
        record.wallNanoseconds = wall
        record.counters.wallNanoseconds = wall
        record.counters.cpuNanoseconds = cpu ?? wall
        return record
    }

    /// A row whose rounds took `walls` milliseconds, on a core for all of it unless `cpus` says otherwise.
    static func row(_ demo: String, _ walls: [Double], cpus: [Double]? = nil, sink: String = "null") throws -> MeasuredRow {
        let runs = try walls.enumerated().map { index, wall in
            try record(demo, wall: Int(wall * 1e6), cpu: cpus.map { Int($0[index] * 1e6) }, sink: sink)
        }
        return MeasuredRow(label: demo, runs: runs)
    }
}

/// `text` with its wrapped notes joined again, so a test can look for a sentence wherever the
/// width broke it.
func flat(_ text: String) -> String {
    text.replacingOccurrences(of: "\n    ", with: " ").replacingOccurrences(of: "\n  ", with: " ")
}
