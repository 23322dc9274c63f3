/// A lesson file that cannot be read, with the file and line.
public struct LessonError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let problem: String
    public init(path: String, line: Int, problem: String) {
        self.path = TerminalText.stripped(path)  // a file's name is text from outside too
        self.line = line
        self.problem = problem
    }
    public var description: String { "\(path):\(line): \(problem)" }
}
