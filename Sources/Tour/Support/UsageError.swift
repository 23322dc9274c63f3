import ZeroCopy

/// Input that cannot be run: exit status 2, one line on stderr.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
