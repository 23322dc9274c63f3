import Glibc

/// A child that could not be started or waited for: the call and the errno it failed with.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let call: String
    public let errno: Int32

    public var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
}
