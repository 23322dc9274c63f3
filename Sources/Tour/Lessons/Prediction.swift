/// A question the tour asks before a demo, so the learner commits to a number before the
/// kernel gives one: `predict read-write@4K.syscr: How many reads for 1 MiB with a 4 KiB buffer?`
/// in a `zctour` block. The expression (the grammar of one side of an `expect`) is measured by
/// the next command of the block; the learner's guess, if any, is shown against it.
public struct Prediction: Sendable, Equatable {
    public let question: String
    /// The expression's text, e.g. `read-write@4K.syscr`.
    public let expression: String
    let measured: Claim.Expression

    /// Parses the part after `predict `.
    public static func parse(_ text: String) throws(UsageError) -> Prediction {
        guard let colon = text.firstIndex(of: ":") else {
            throw UsageError("predict needs 'EXPRESSION: question', e.g. predict read-write.syscr: How many reads?")
        }
        let expression = text[..<colon].trimmingWhitespace()
        let question = text[text.index(after: colon)...].trimmingWhitespace()
        guard !question.isEmpty else { throw UsageError("predict '\(expression)' has no question after the ':'") }
        let tokens = expression.split(separator: " ").map(String.init)
        return Prediction(question: question, expression: expression, measured: try Claim.expression(tokens, in: expression))
    }

    /// The references it measures, for lint.
    var references: [(run: String, field: String)] { measured.references }

    /// The measured value from the runs so far, or why there is none.
    public func measure(_ records: [RunRecord], refusals: [DemoRefusal] = []) -> Result<Int, MeasureFailure> {
        let probe = Claim(text: expression, left: measured, comparison: .equal, right: .init(first: .literal(0), rest: []))
        switch probe.evaluate(records, refusals: refusals) {
        case .passed(let left, _), .failed(let left, _): return .success(left)
        case .unavailable(let reason), .invalid(let reason): return .failure(MeasureFailure(reason: reason))
        }
    }

    public struct MeasureFailure: Error, Sendable { public let reason: String }
}
