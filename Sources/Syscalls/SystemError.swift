/// A failed syscall: which call it was, the errno it left, and the file or descriptor it was
/// about. Reads like `read failed on /tmp/zctour.x/sample.bin (descriptor 3): EIO (Input/output
/// error)`. Code decides on `operation` and `errno`, never on the text; a failure that is not
/// a syscall's (a technique's precondition, a size that does not match) has an error type of
/// its own instead of an invented errno here.
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public let operation: Operation
    /// What the call left in errno; nil when it failed without setting one (a write that wrote
    /// nothing).
    public let errno: Int32?
    public let path: String?
    public let descriptor: Int32?

    public init(_ operation: Operation, errno: Int32?, path: String? = nil, descriptor: Int32? = nil) {
        self.operation = operation
        self.errno = errno
        self.path = path
        self.descriptor = descriptor
    }

    /// The errno by name and meaning: `EXDEV (Invalid cross-device link)`.
    public var reason: String { errno.map { Errno($0).description } ?? "no errno was set" }

    public var description: String {
        var text = "\(operation) failed"
        if let path {
            text += " on \(path)"
            if let descriptor { text += " (descriptor \(descriptor))" }
        } else if let descriptor {
            text += " on descriptor \(descriptor)"
        }
        return text + ": " + reason
    }
}
