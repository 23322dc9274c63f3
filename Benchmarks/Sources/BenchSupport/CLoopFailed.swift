import Syscalls

/// A C loop returned -1. The loop made several kinds of call, and C hands back only the errno,
/// not which call failed, so this names the loop and the errno rather than pretending to be one
/// syscall's `SystemError`.
public struct CLoopFailed: Error, Equatable, Sendable, CustomStringConvertible {
    public let loop: CLoop
    public let errno: Int32

    public var description: String { "the C \(loop.rawValue) loop failed: \(Errno(errno))" }
}
