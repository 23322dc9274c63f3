import CShims
import Glibc

/// A failed syscall, with the call as it was made, its errno and the file it was about.
/// Reads like `sendfile(out: 5, in: 3) failed: EINVAL (Invalid argument)`.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    public let call: String
    public let errno: Int32
    public let path: String?

    public init(call: String, errno: Int32, path: String? = nil) {
        self.call = call
        self.errno = errno
        self.path = path
    }

    /// The errno by name and meaning: `EXDEV (Invalid cross-device link)`.
    public var reason: String { "\(ErrnoName.of(errno)) (\(String(cString: strerror(errno))))" }

    public var description: String {
        if let path { return "\(call) failed on \(path): \(reason)" }
        return "\(call) failed: \(reason)"
    }
}

/// Runs a syscall until it does not fail with `EINTR`, and throws its errno otherwise.
/// An `EINTR` caused by Ctrl-C or SIGTERM stops the demo instead of retrying, which is what
/// lets a long transfer stop promptly. The corresponding C idiom is the `EINTR` retry loop.
@inline(__always)
func systemCall<T: BinaryInteger>(
    _ call: @autoclosure () -> String, path: String? = nil, _ body: () -> T
) throws -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = Glibc.errno
        if code == EINTR {
            try Interruption.check()
            continue
        }
        throw SystemError(call: call(), errno: code, path: path)
    }
}
