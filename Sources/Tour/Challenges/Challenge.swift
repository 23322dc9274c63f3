/// A goal the learner reaches at the prompt, checked against what the kernel counted in their
/// own runs, not against what they typed. Written in a lesson as a fenced block, so that it
/// reads as a plain list on GitHub and the one lesson parser reads it too:
///
/// ````
/// ```challenge few-reads
/// goal: Copy 16 MiB with `read-write` in fewer than 100 read-type syscalls.
/// check: read-write.syscr < 100
/// check: read-write.bytes >= 16M
/// hint: Every read fills the buffer once; one more read finds the end of the file.
/// solution: run read-write --size 16M --buffer 1M
/// naive: run read-write --size 16M
/// ```
/// ````
///
/// `check:` lines use the grammar of a lesson's `expect` lines (`Claim`); all must hold for
/// one and the same set of runs. `solution:` lines are commands that reach the goal (shown
/// after success, run by `check-all`); `naive:` lines, optional, are attempts that must *not*
/// reach it, each line one attempt (its commands separated by ` ; `): the first thing a learner
/// would try, and the ways to reach the letter of the goal without its technique (a copying
/// loop with a huge buffer against a goal about syscalls), so `check-all` proves the checks
/// cannot be gamed. A line that starts with spaces continues the value above it.
public struct Challenge: Sendable, Equatable {
    public let id: String
    /// The line of the opening fence, for messages.
    public let line: Int
    public let goal: String
    public let checks: [Lesson.CommandLine]
    public let hints: [String]
    public let solution: [Lesson.CommandLine]
    public let naive: [Lesson.CommandLine]
    /// What the parser could not make sense of; the tour ignores such lines, `lint` reports them.
    public let problems: [LessonError]

    static let keys = ["goal", "check", "hint", "solution", "naive"]

    /// Parses the body of a ```` ```challenge ID ```` block.
    static func parse(id: String, extra: Bool, fence: Int, body: [Lesson.CommandLine], path: String) -> Challenge {
        var goal: [String] = []
        var checks: [Lesson.CommandLine] = []
        var hints: [String] = []
        var solution: [Lesson.CommandLine] = []
        var naive: [Lesson.CommandLine] = []
        var problems: [LessonError] = []
        var lastKey: String?
        func problem(_ line: Int, _ text: String) { problems.append(LessonError(path: path, line: line, problem: text)) }
        if id.isEmpty {
            problem(fence, "a challenge needs an id after the fence: ```challenge few-reads")
        } else if !id.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }) || extra {
            problem(fence, "'challenge \(id)\(extra ? " ..." : "")': the id is one word of a-z, 0-9 and -")
        }
        for entry in body {
            let raw = entry.text
            if raw.trimmingWhitespace().isEmpty { continue }
            if raw.first?.isWhitespace == true, let key = lastKey {
                // A continuation of a goal or hint written over several lines.
                let more = raw.trimmingWhitespace()
                switch key {
                case "goal": goal.append(more)
                case "hint": if let last = hints.popLast() { hints.append(last + " " + more) }
                default: problem(entry.line, "only goal: and hint: continue on an indented line; start a new '\(key):' line")
                }
                continue
            }
            guard let colon = raw.firstIndex(of: ":"), Challenge.keys.contains(raw[..<colon].trimmingWhitespace()) else {
                problem(
                    entry.line, "a challenge line is 'KEY: value' with KEY one of \(Challenge.keys.joined(separator: ", ")), not '\(raw)'")
                lastKey = nil
                continue
            }
            let key = raw[..<colon].trimmingWhitespace()
            let value = raw[raw.index(after: colon)...].trimmingWhitespace()
            lastKey = key
            if value.isEmpty {
                problem(entry.line, "'\(key):' has no value")
                continue
            }
            let line = Lesson.CommandLine(text: value, line: entry.line)
            switch key {
            case "goal": goal.append(value)
            case "check": checks.append(line)
            case "hint": hints.append(value)
            case "solution": solution.append(line)
            default: naive.append(line)
            }
        }
        return Challenge(
            id: id, line: fence, goal: goal.joined(separator: " "), checks: checks, hints: hints,
            solution: solution, naive: naive, problems: problems)
    }

    /// The id progress keeps: unique across lessons (`kernel-user-copies/few-reads`).
    public func key(in lesson: Lesson) -> String { lesson.id + "/" + id }

    /// The separator of the commands of one naive attempt.
    static let attemptSeparator = " ; "

    /// The naive attempts, each the commands of one `naive:` line.
    public var naiveAttempts: [[Lesson.CommandLine]] {
        naive.map { line in
            line.text.components(separatedBy: Challenge.attemptSeparator).map {
                Lesson.CommandLine(text: $0.trimmingWhitespace(), line: line.line)
            }
            .filter { !$0.text.isEmpty }
        }
    }
}
