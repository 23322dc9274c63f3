import Probe

/// A lesson's `expect` line: a claim about the measurements so far, checked on every run.
/// `expect read-write.syscr == read-write.size / read-write.buffer + 1`. Tokens are separated
/// by spaces; terms are whole numbers (size suffixes allowed) or `DEMO.FIELD` references, where
/// DEMO is a demo id, a compare row label like `read-write@4K`, or `last` (the latest run,
/// whatever its demo, for a challenge that any demo may reach); `*` and `/` bind tighter
/// than `+` and `-`; integer arithmetic.
public struct Check: Sendable, Equatable {
    public let text: String
    let left: Expression
    let comparison: Comparison
    let right: Expression

    enum Comparison: String, CaseIterable, Sendable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

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
    public static func parse(_ text: String) throws(UsageError) -> Check {
        let tokens = text.split(separator: " ").map(String.init)
        guard let index = tokens.firstIndex(where: { Comparison(rawValue: $0) != nil }),
              let comparison = Comparison(rawValue: tokens[index]) else {
            throw UsageError("expect needs a comparison (== != < <= > >=) between spaces: '\(text)'")
        }
        let left = try expression(Array(tokens[..<index]), in: text)
        let right = try expression(Array(tokens[(index + 1)...]), in: text)
        return Check(text: text, left: left, comparison: comparison, right: right)
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

    /// Evaluates against the runs so far; `lookup(run, field)` finds a value.
    public func evaluate(_ records: [RunRecord]) -> Outcome {
        func value(_ term: Term) -> Result<Int, OutcomeError> {
            switch term {
            case .literal(let number): return .success(number)
            case .reference(let run, let field):
                guard let record = records.last(where: { $0.label == run }) ?? records.last(where: { $0.demo == run })
                        ?? (run == "last" ? records.last : nil) else {
                    return .failure(.invalid("no run of '\(run)' before this check"))
                }
                switch record.field(field) {
                case .value(let number): return .success(number)
                case .unavailable(let reason): return .failure(.unavailable(reason))
                case .unknown: return .failure(.invalid("'\(field)' is not a field of a \(record.demo) run; fields: \(RunRecord.fieldNames.joined(separator: " "))"))
                }
            }
        }
        func evaluate(_ expression: Expression) -> Result<Int, OutcomeError> {
            // Products first, then sums, left to right.
            var sums: [(String, Int)] = []
            var current: Int
            switch value(expression.first) { case .success(let v): current = v; case .failure(let e): return .failure(e) }
            var pendingSign = "+"
            for (op, term) in expression.rest {
                let number: Int
                switch value(term) { case .success(let v): number = v; case .failure(let e): return .failure(e) }
                switch op {
                case "*": current = current &* number
                case "/":
                    guard number != 0 else { return .failure(.invalid("division by zero")) }
                    current /= number
                default:
                    sums.append((pendingSign, current))
                    pendingSign = op
                    current = number
                }
            }
            sums.append((pendingSign, current))
            return .success(sums.reduce(0) { $1.0 == "+" ? $0 &+ $1.1 : $0 &- $1.1 })
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

    enum OutcomeError: Error {
        case unavailable(String)
        case invalid(String)
    }
}

extension RunRecord {
    public enum FieldValue: Equatable {
        case value(Int)
        case unavailable(String)
        case unknown
    }

    public static let fieldNames = [
        "syscr", "syscw", "rchar", "wchar", "read_bytes", "write_bytes", "minflt", "majflt",
        "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches", "allocations", "allocated_bytes",
        "bytes", "size", "buffer", "calls", "wall_ns", "copied_bytes", "peer_syscr", "peer_syscw", "peer_rchar",
        "STEP.allocations", "STEP.allocated_bytes", "STEP.shared",
        "syscalls.NAME", "syscalls.NAME.errors", "syscalls.total",
        "zerocopy.notifications", "zerocopy.sends_completed", "zerocopy.sends_copied",
        "page_cache.pages", "page_cache.resident_before", "page_cache.resident_after",
        "raw.syscr", "raw.syscw", "raw.rchar", "raw.wchar",
    ]

    /// A field by the name a lesson's check uses. An io counter that cannot see the technique
    /// (`counters_blind`: splice, MSG_ZEROCOPY's send) is unavailable, not 0, so a goal such as
    /// "fewer than 10 write-type syscalls" cannot be met by a count that sees nothing;
    /// `raw.syscr` (and syscw, rchar, wchar) is what /proc said all the same, for the lessons that
    /// show the blind spot itself.
    public func field(_ name: String) -> FieldValue {
        if name.hasPrefix("raw."), ["syscr", "syscw", "rchar", "wchar"].contains(name.dropFirst(4)) {
            return rawField(String(name.dropFirst(4)))
        }
        if let blind = countersBlind, blind.counters.contains(name) {
            return .unavailable("unseen: \(blind.reason)")
        }
        return rawField(name)
    }

    private func rawField(_ name: String) -> FieldValue {
        func io(_ value: Int?) -> FieldValue {
            value.map(FieldValue.value) ?? .unavailable(countersUnavailable ?? "the /proc counters are unavailable")
        }
        func peerIO(_ value: Int?) -> FieldValue {
            guard peer != nil else { return .unknown }
            return value.map(FieldValue.value) ?? .unavailable(countersUnavailable ?? "the /proc counters are unavailable")
        }
        switch name {
        case "syscr": return io(counters.syscr)
        case "syscw": return io(counters.syscw)
        case "rchar": return io(counters.rchar)
        case "wchar": return io(counters.wchar)
        case "read_bytes": return io(counters.readBytes)
        case "write_bytes": return io(counters.writeBytes)
        case "minflt": return .value(counters.minflt)
        case "majflt": return .value(counters.majflt)
        case "voluntary_ctxt_switches": return .value(counters.voluntarySwitches)
        case "nonvoluntary_ctxt_switches": return .value(counters.involuntarySwitches)
        case "allocations": return .value(allocations.count)
        case "allocated_bytes": return .value(allocations.bytes)
        case "bytes": return .value(bytes)
        case "size": return .value(size)
        case "buffer": return .value(buffer)
        case "calls": return .value(calls)
        case "wall_ns": return .value(wallNanoseconds)
        case "copied_bytes": return copiedBytes.map(FieldValue.value) ?? .unknown
        case "peer_syscr": return peerIO(peer?.syscr)
        case "peer_syscw": return peerIO(peer?.syscw)
        case "peer_rchar": return peerIO(peer?.rchar)
        case "zerocopy.notifications", "zerocopy.sends_completed", "zerocopy.sends_copied":
            guard let zerocopy else { return .unavailable("only msg-zerocopy reads zerocopy completions") }
            switch name {
            case "zerocopy.notifications": return .value(zerocopy.notifications)
            case "zerocopy.sends_completed": return .value(zerocopy.sendsCompleted)
            default: return .value(zerocopy.sendsCopied)
            }
        case "page_cache.pages", "page_cache.resident_before", "page_cache.resident_after":
            guard let pageCache else { return .unavailable("the run was not --cold") }
            switch name {
            case "page_cache.pages": return .value(pageCache.pages)
            case "page_cache.resident_before": return .value(pageCache.residentBefore)
            default: return .value(pageCache.residentAfter)
            }
        case _ where name.hasPrefix("syscalls."):
            // syscalls.NAME (calls), syscalls.NAME.errors, syscalls.total: from --trace.
            guard let syscalls else { return .unavailable(traceUnavailable ?? "the run was not traced (add --trace)") }
            let parts = name.split(separator: ".").dropFirst().map(String.init)
            if parts == ["total"] { return .value(syscalls.values.reduce(0) { $0 + $1.calls }) }
            guard let call = parts.first else { return .unknown }
            let count = syscalls[call] ?? Tracer.Count()
            switch parts.dropFirst().first {
            case nil: return .value(count.calls)
            case "errors": return .value(count.errors)
            default: return .unknown
            }
        default:
            let parts = name.split(separator: ".")
            guard parts.count == 2, let step = steps?.first(where: { $0.id == parts[0] }) else { return .unknown }
            switch parts[1] {
            case "allocations": return .value(step.allocations)
            case "allocated_bytes": return .value(step.allocatedBytes)
            case "shared": return .value(step.shared ? 1 : 0)
            case "bytes": return .value(step.bytes)
            default: return .unknown
            }
        }
    }
}
