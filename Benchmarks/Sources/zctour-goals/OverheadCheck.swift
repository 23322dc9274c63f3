import Foundation
import Probe
import Tour

/// Goals on zctour's own costs that run in-process: one probe snapshot under 20 µs, and lesson
/// parsing, reported. Both are measured with zctour's own code (Probe, Lesson), which is why
/// this check lives in a binary that links them and not in the package-benchmark suite.
struct OverheadCheck {
    static let snapshotBudget = 20_000.0

    let lessons: String

    func run() -> [Goal] {
        [snapshot(), parsing()]
    }

    /// The median of 21 batches of 1,000 snapshots, per snapshot.
    private func snapshot() -> Goal {
        let probe = Probe()
        var perSnapshot: [Double] = []
        for _ in 0..<21 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<1000 { _ = probe.snapshot() }
            perSnapshot.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
        }
        let median = Statistics.median(perSnapshot)
        let unavailable = probe.unavailable.map { "; /proc unavailable: \($0)" } ?? ""
        return Goal(
            section: "overheads", subject: "probe snapshot", figure: format(median / OverheadCheck.snapshotBudget),
            detail: "of the 20 µs budget (median of 21 × 1,000 snapshots: io pread, getrusage, two clocks)\(unavailable)",
            met: median < OverheadCheck.snapshotBudget)
    }

    /// Parsing every shipped lesson from text already in memory (no file reads), per lesson.
    private func parsing() -> Goal {
        let subject = "lesson parsing"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: lessons) else {
            return Goal(section: "overheads", subject: subject, figure: "-", detail: "no lessons in \(lessons)", met: false)
        }
        let texts = names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name -> (String, String)? in
            let path = lessons + "/" + name
            return FileManager.default.contents(atPath: path).map { (path, String(decoding: $0, as: UTF8.self)) }
        }
        var perLesson: [Double] = []
        do {
            for _ in 0..<21 {
                let start = DispatchTime.now().uptimeNanoseconds
                for (path, text) in texts { _ = try Lesson.parse(text, path: path) }
                perLesson.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(max(texts.count, 1)))
            }
        } catch {
            return Goal(section: "overheads", subject: subject, figure: "-", detail: "failed: \(error)", met: false)
        }
        let median = Statistics.median(perLesson)
        let budget = StartupCheck.listBudget
        return Goal(
            section: "overheads", subject: subject, figure: format(median / budget, digits: 4),
            detail: "of the 50 ms `zctour list` budget per lesson (median of 21 × \(texts.count) lessons, from memory)",
            met: nil)
    }
}
