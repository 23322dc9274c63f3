import Syscalls

/// A technique that works only into one kind of destination was given another:
/// copy_file_range copies between files, MSG_ZEROCOPY sends on a TCP socket. This is the
/// technique's own precondition, checked before any syscall, so it has no errno: the kernel was
/// never asked.
public struct UnsupportedSink: Error, Equatable, Sendable, CustomStringConvertible {
    /// The call that needs the other destination.
    public let operation: Syscalls.SystemError.Operation
    public let needs: SinkKind
    public let given: SinkKind

    public init(_ operation: Syscalls.SystemError.Operation, needs: SinkKind, given: SinkKind) {
        self.operation = operation
        self.needs = needs
        self.given = given
    }

    public var description: String {
        "\(operation) needs \(UnsupportedSink.describe(needs)) as its destination, not \(UnsupportedSink.describe(given))"
    }

    static func describe(_ kind: SinkKind) -> String {
        switch kind {
        case .null: "/dev/null"
        case .file: "a regular file"
        case .socket: "a TCP socket"
        }
    }
}
