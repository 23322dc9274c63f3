/// A guess and what was measured, kept in progress and in a lesson's JSON (`predictions`).
public struct PredictionRecord: Codable, Sendable, Equatable {
    public var lesson: String
    public var line: Int
    public var question: String
    public var expression: String
    public var guess: Int?
    public var measured: Int?
    /// Why nothing was measured, when nothing was.
    public var reason: String?

    enum CodingKeys: String, CodingKey { case lesson, line, question, expression, guess, measured, reason }

    /// Missing values are written as null, so every key is always there.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lesson, forKey: .lesson)
        try container.encode(line, forKey: .line)
        try container.encode(question, forKey: .question)
        try container.encode(expression, forKey: .expression)
        try container.encode(guess, forKey: .guess)
        try container.encode(measured, forKey: .measured)
        try container.encode(reason, forKey: .reason)
    }
}
