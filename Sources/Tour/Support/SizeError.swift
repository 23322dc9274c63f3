/// A size that cannot be read, with what would be right.
public struct SizeError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let problem: String
    public init(text: String, problem: String) {
        self.text = text
        self.problem = problem
    }
    public var description: String {
        "invalid size '\(text)': \(problem); use a whole number of bytes with an optional binary suffix K, M, G or T (4K = 4096 bytes, 64M, 1G)"
    }
}
