import ZeroCopy

/// A failure while running: exit status 1, one line on stderr.
public struct RuntimeFailure: Error, Equatable, CustomStringConvertible {
    public let description: String
    /// Set when a demo cannot run on this machine at all (io_uring refused): not a mistake of the
    /// demo or of the input, so a lesson says so in one line, counts the checks on that demo as
    /// unavailable, and goes on.
    public let refusal: DemoRefusal?

    public init(_ description: String, refusal: DemoRefusal? = nil) {
        self.description = description
        self.refusal = refusal
    }
}

/// A demo this machine refuses to run, and why, in one line.
public struct DemoRefusal: Sendable, Equatable, Codable {
    public let demo: String
    public let reason: String

    public init(demo: String, reason: String) {
        self.demo = demo
        self.reason = reason
    }
}
