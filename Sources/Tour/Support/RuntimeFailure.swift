import ZeroCopy

/// A failure while running: exit status 1, one line on stderr.
public struct RuntimeFailure: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
