/// `Syscall.readAll` found more than it was allowed to read: the file is not the small text
/// file the caller expected (a script, a /proc file), and reading on would only fill memory.
public struct ReadLimitExceeded: Error, Equatable, Sendable, CustomStringConvertible {
    public let limit: Int
    public let path: String?
    public let descriptor: Int32

    public init(limit: Int, path: String?, descriptor: Int32) {
        self.limit = limit
        self.path = path
        self.descriptor = descriptor
    }

    public var description: String {
        "\(path ?? "descriptor \(descriptor)") holds more than the \(limit) bytes zctour reads from such a file"
    }
}
