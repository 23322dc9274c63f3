import Probe

/// A lesson's `expect` line: a claim about the measurements so far, checked on every run.
/// `expect read-write.syscr == read-write.size / read-write.buffer + 1`. Tokens are separated
/// by spaces; terms are whole numbers (size suffixes allowed) or `DEMO.FIELD` references, where
/// DEMO is a demo id, a compare row label like `read-write@4K`, `last` (the latest run,
/// whatever its demo, for a challenge that any demo may reach) or `last-SINK` (the latest run
/// into that sink: `last-file`, `last-socket`, `last-null`, `last-memory`, for a challenge
/// with several jobs); `*` and `/` bind tighter than `+` and `-`; integer arithmetic.
public struct Claim: Sendable, Equatable {
    public let text: String
    let left: Expression
    let comparison: Comparison
    let right: Expression

    enum Comparison: String, CaseIterable, Sendable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        func holds(_ a: Int, _ b: Int) -> Bool {
            switch self {
            case .equal: a == b
            case .notEqual: a != b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            }
        }
    }

    enum Term: Sendable, Equatable {
        case literal(Int)
        case reference(run: String, field: String)
    }

    /// Terms joined by operators, kept flat: `[t0, (op1, t1), ...]`.
    struct Expression: Sendable, Equatable {
        var first: Term
        var rest: [(String, Term)]

        static func == (a: Expression, b: Expression) -> Bool {
            a.first == b.first && a.rest.map(\.0) == b.rest.map(\.0) && a.rest.map(\.1) == b.rest.map(\.1)
        }

        var references: [(run: String, field: String)] {
            ([first] + rest.map(\.1)).compactMap { term in
                if case .reference(let run, let field) = term { return (run, field) }
                return nil
            }
        }
    }

    /// What a check found: both sides' values, or why it could not be evaluated.
    public enum Outcome: Sendable, Equatable {
        case passed(left: Int, right: Int)
        case failed(left: Int, right: Int)
        /// A counter the machine could not give (e.g. /proc missing): not a failure of the claim.
        case unavailable(String)
        /// The check refers to a run or field that does not exist: a mistake in the lesson.
        case invalid(String)
    }

    /// Parses the part after `expect`.
    public static func parse(_ text: String) throws(UsageError) -> Claim {
        let tokens = text.split(separator: " ").map(String.init)
        guard let index = tokens.firstIndex(where: { Comparison(rawValue: $0) != nil }),
            let comparison = Comparison(rawValue: tokens[index])
        else {
            throw UsageError("expect needs a comparison (== != < <= > >=) between spaces: '\(text)'")
        }
        let left = try expression(Array(tokens[..<index]), in: text)
        let right = try expression(Array(tokens[(index + 1)...]), in: text)
        return Claim(text: text, left: left, comparison: comparison, right: right)
    }

    static func expression(_ tokens: [String], in text: String) throws(UsageError) -> Expression {
        guard let head = tokens.first else { throw UsageError("expect has an empty side: '\(text)'") }
        var expression = Expression(first: try term(head, in: text), rest: [])
        var index = 1
        while index < tokens.count {
            let op = tokens[index]
            guard ["+", "-", "*", "/"].contains(op), index + 1 < tokens.count else {
                throw UsageError("expect: '\(op)' is not + - * / followed by a term, in '\(text)'")
            }
            expression.rest.append((op, try term(tokens[index + 1], in: text)))
            index += 2
        }
        return expression
    }

    static func term(_ token: String, in text: String) throws(UsageError) -> Term {
        if token.first?.isNumber == true {
            do { return .literal(try ByteSize.parse(token)) } catch { throw UsageError("expect: \(error), in '\(text)'") }
        }
        guard let dot = token.firstIndex(of: "."), dot != token.startIndex, token.index(after: dot) != token.endIndex else {
            throw UsageError("expect: '\(token)' is neither a number nor DEMO.FIELD, in '\(text)'")
        }
        return .reference(run: String(token[..<dot]), field: String(token[token.index(after: dot)...]))
    }

    /// The sinks a `last-SINK` reference may name, as run records spell them.
    static let sinks = ["file", "socket", "null", "memory"]

    /// Whether `run` names no demo but the latest run (`last`, `last-socket`).
    static func isLatest(_ run: String) -> Bool {
        run == "last" || sinks.contains { run == "last-" + $0 }
    }

    /// The run a reference means: a row by its label, else the latest run of that demo, else
    /// for `last` the latest run and for `last-SINK` the latest run into that sink.
    static func record(_ run: String, in records: [RunRecord]) -> RunRecord? {
        if let row = records.last(where: { $0.label == run }) ?? records.last(where: { $0.demo == run }) { return row }
        if run == "last" { return records.last }
        if run.hasPrefix("last-") { return records.last { "last-" + $0.sink == run } }

        return nil
    }

    /// Evaluates against the runs so far: demo runs by label or demo id, `last` and
    /// `last-SINK`, then the built-in peer cases inspected (`inspect --peer`) by their id. A run
    /// of a demo this machine refused (`refusals`), and `last` (or `last-SINK`) when only
    /// refusals came so far, make the check unavailable, not invalid.
    public func evaluate(_ records: [RunRecord], refusals: [DemoRefusal] = [], peers: [PeerRun] = []) -> Outcome {
        func value(_ term: Term) -> Result<Int, OutcomeError> {
            switch term {
            case .literal(let number): return .success(number)
            case .reference(let run, let field):
                let record = Claim.record(run, in: records)
                if record == nil, let peer = peers.last(where: { $0.id == run }) {
                    switch peer.field(field) {
                    case .value(let number): return .success(number)
                    case .unavailable(let reason): return .failure(.unavailable(reason))
                    case .unknown:
                        return .failure(
                            .invalid("'\(field)' is not a field of an inspected peer; fields: \(PeerField.names.joined(separator: " "))"))
                    }
                }
                guard let record else {
                    if let refusal = Claim.refusal(of: run, in: refusals) {
                        return .failure(.unavailable("\(refusal.demo) could not run here: \(refusal.reason)"))
                    }
                    return .failure(.invalid("no run of '\(run)' before this check"))
                }
                switch record.field(field) {
                case .value(let number): return .success(number)
                case .unavailable(let reason): return .failure(.unavailable(reason))
                case .unknown:
                    return .failure(
                        .invalid(
                            "'\(field)' is not a field of a \(record.demo) run; fields: \(CheckField.names.joined(separator: " "))"))
                }
            }
        }
        func evaluate(_ expression: Expression) -> Result<Int, OutcomeError> {
            // Products first, then sums, left to right.
            var sums: [(String, Int)] = []
            var current: Int
            switch value(expression.first) {
            case .success(let v): current = v
            case .failure(let e): return .failure(e)
            }
            var pendingSign = "+"
            for (op, term) in expression.rest {
                let number: Int
                switch value(term) {
                case .success(let v): number = v
                case .failure(let e): return .failure(e)
                }
                switch op {
                case "*":
                    let (product, overflow) = current.multipliedReportingOverflow(by: number)
                    if overflow { return .failure(.invalid(overflowed(current, "*", number))) }
                    current = product
                case "/":
                    guard number != 0 else { return .failure(.invalid("division by zero")) }
                    let (quotient, overflow) = current.dividedReportingOverflow(by: number)
                    if overflow { return .failure(.invalid(overflowed(current, "/", number))) }
                    current = quotient
                default:
                    sums.append((pendingSign, current))
                    pendingSign = op
                    current = number
                }
            }
            sums.append((pendingSign, current))
            // A sum that does not fit a 64-bit integer is a mistake in the check, never a wrapped number.
            var total = 0
            for (sign, value) in sums {
                let (next, overflow) = sign == "+" ? total.addingReportingOverflow(value) : total.subtractingReportingOverflow(value)
                if overflow { return .failure(.invalid(overflowed(total, sign, value))) }
                total = next
            }
            return .success(total)
        }
        func overflowed(_ a: Int, _ op: String, _ b: Int) -> String {
            "\(NumberFormat.count(a)) \(op) \(NumberFormat.count(b)) does not fit in a 64-bit integer"
        }
        switch (evaluate(left), evaluate(right)) {
        case (.success(let a), .success(let b)):
            return comparison.holds(a, b) ? .passed(left: a, right: b) : .failed(left: a, right: b)
        case (.failure(let error), _), (_, .failure(let error)):
            switch error {
            case .unavailable(let reason): return .unavailable(reason)
            case .invalid(let reason): return .invalid(reason)
            }
        }
    }

    /// The refusal of the demo a run reference names (`uring-read`, or a row `uring-read@4K`);
    /// for `last` and `last-SINK`, with no run to read, the latest refusal.
    static func refusal(of run: String, in refusals: [DemoRefusal]) -> DemoRefusal? {
        if isLatest(run) { return refusals.last }
        let demo = run.split(separator: "@", maxSplits: 1).first.map(String.init) ?? run
        return refusals.last { $0.demo == demo }
    }

    enum OutcomeError: Error {
        case unavailable(String)
        case invalid(String)
    }
}
