/// A size that cannot be read, with what would be right.
public struct SizeError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let problem: String
    public init(text: String, problem: String) {
        self.text = text
        self.problem = problem
    }
    public var description: String {
        Strings.invalidSize(text, problem: problem)
    }
}
