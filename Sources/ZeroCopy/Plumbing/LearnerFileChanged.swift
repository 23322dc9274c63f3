/// The learner's file changed while zctour used it (another program wrote to it, or replaced
/// it): what arrived cannot be checked against it, so the run is not shown.
public struct LearnerFileChanged: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Change: Equatable, Sendable {
        case replaced
        case size(from: Int, to: Int)
        case modified
        case contents
    }

    public let path: String
    public let change: Change

    public var description: String {
        let what =
            switch change {
            case .replaced: "it was replaced by another file"
            case .size(let before, let after): "its size went from \(grouped(before)) to \(grouped(after)) bytes"
            case .modified: "it was modified"
            case .contents: "its contents differ from the checksum taken before the run"
            }
        return "verification failed: \(path) changed while zctour was using it (\(what)), so what arrived cannot be checked against it; "
            + "run it again when nothing is writing to the file"
    }

    /// A count as the tour prints counts: 200,000,003.
    private func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (number < 0 ? "-" : "") + text
    }
}
