/// A sample another zctour wrote (a traced child reuses its parent's) is not the size it was
/// said to be: another run changed it, or the wrong file was named. Not a syscall's failure,
/// so no errno: the stat that found it succeeded.
public struct SampleSizeMismatch: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let expected: Int
    public let found: Int

    public var description: String { "the sample \(path) holds \(found) bytes, not the \(expected) it was made with" }
}
