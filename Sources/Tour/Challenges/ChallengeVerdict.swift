/// Whether a learner's runs reach a challenge's goal. Every `check:` line must hold on the same
/// runs; the runs are taken as they came, so reaching the goal and then trying something else
/// still counts: the verdict is the latest prefix of the runs on which every check holds.
public struct ChallengeVerdict: Sendable {
    public struct Line: Sendable, Encodable {
        public let check: String
        public let outcome: String
        public let left: Int?
        public let right: Int?
        public let reason: String?
        let comparison: String

        enum CodingKeys: String, CodingKey { case check, outcome, left, right, reason }

        /// Missing values are written as null, so every key is always there.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(check, forKey: .check)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(left, forKey: .left)
            try container.encode(right, forKey: .right)
            try container.encode(reason, forKey: .reason)
        }
    }

    public let passed: Bool
    public let lines: [Line]

    /// `refusals`: demos this machine refused to run (io_uring refused), whose checks are unavailable.
    public static func evaluate(_ challenge: Challenge, runs: [RunRecord], refusals: [DemoRefusal] = []) -> ChallengeVerdict {
        var best: [Line] = []
        for end in stride(from: runs.count, through: 1, by: -1) {
            let lines = challenge.checks.map { line(for: $0.text, runs: Array(runs[..<end]), refusals: refusals) }
            if end == runs.count { best = lines }
            if !lines.isEmpty && lines.allSatisfy({ $0.outcome == "passed" }) { return ChallengeVerdict(passed: true, lines: lines) }
        }
        if runs.isEmpty { best = challenge.checks.map { line(for: $0.text, runs: [], refusals: refusals) } }
        return ChallengeVerdict(passed: false, lines: best)
    }

    static func line(for text: String, runs: [RunRecord], refusals: [DemoRefusal] = []) -> Line {
        let check: Claim
        do { check = try Claim.parse(text) } catch {
            return Line(check: text, outcome: "invalid", left: nil, right: nil, reason: "\(error)", comparison: "")
        }
        // A run the check needs and the learner has not made is "not yet", not a broken lesson.
        for reference in check.left.references + check.right.references where Claim.record(reference.run, in: runs) == nil {
            if let refusal = Claim.refusal(of: reference.run, in: refusals) {
                return Line(
                    check: text, outcome: "unavailable", left: nil, right: nil,
                    reason: "\(refusal.demo) could not run here: \(refusal.reason)", comparison: check.comparison.rawValue)
            }
            let reason: String
            switch reference.run {
            case "last": reason = "no run yet since this challenge began"
            case let run where Claim.isLatest(run): reason = "no run --to \(run.dropFirst("last-".count)) yet since this challenge began"
            default: reason = "no run of \(reference.run) yet since this challenge began"
            }
            return Line(check: text, outcome: "failed", left: nil, right: nil, reason: reason, comparison: check.comparison.rawValue)
        }
        switch check.evaluate(runs, refusals: refusals) {
        case .passed(let left, let right):
            return Line(check: text, outcome: "passed", left: left, right: right, reason: nil, comparison: check.comparison.rawValue)
        case .failed(let left, let right):
            return Line(check: text, outcome: "failed", left: left, right: right, reason: nil, comparison: check.comparison.rawValue)
        case .unavailable(let reason):
            return Line(check: text, outcome: "unavailable", left: nil, right: nil, reason: reason, comparison: check.comparison.rawValue)
        case .invalid(let reason):
            // The field exists, but not in this kind of run (peer_* without a receiver).
            let peer =
                check.left.references.contains { $0.field.hasPrefix("peer_") }
                || check.right.references.contains { $0.field.hasPrefix("peer_") }
            let said =
                peer && reason.contains("is not a field")
                ? "that run had no receiver: peer_ counters need --to socket"
                : String(reason.split(separator: ";").first ?? Substring(reason))
            return Line(check: text, outcome: "failed", left: nil, right: nil, reason: said, comparison: check.comparison.rawValue)
        }
    }

    /// One line per check: `✓ read-write.syscr < 100  (17 < 100)`.
    public func render(style: Style) -> [String] {
        lines.map { line in
            switch line.outcome {
            case "passed":
                return "  \(style.green(style.check)) \(line.check)  "
                    + style.dim("(\(NumberFormat.count(line.left ?? 0)) \(line.comparison) \(NumberFormat.count(line.right ?? 0)))")
            case "unavailable":
                return "  " + style.yellow("? \(line.check)  (not measurable here: \(line.reason ?? ""))")
            default:
                if let left = line.left, let right = line.right {
                    return "  \(style.red(style.cross)) \(line.check)  "
                        + style.red("(" + Strings.measuredNeeds(NumberFormat.count(left), line.comparison, NumberFormat.count(right)) + ")")
                }
                return "  \(style.red(style.cross)) \(line.check)  " + style.red("(\(line.reason ?? "not measured"))")
            }
        }
    }
}
