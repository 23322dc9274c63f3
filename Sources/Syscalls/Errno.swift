import CShims
import Glibc

/// An errno value as the program shows it: by name and by meaning, `EINVAL (Invalid argument)`,
/// because the name is what a learner looks up in the man page and the meaning is what they can
/// read without one. Every errno text in zctour is made here, so they all read the same.
public struct Errno: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's errno, as a failed call left it.
    public static var current: Errno { Errno(Glibc.errno) }

    /// A signal arrived while the call was blocked (EINTR). Callers outside this module compare
    /// with it instead of spelling EINTR, so the retry policy stays in one place.
    public static let interrupted = Errno(EINTR)

    /// The symbolic name, `ENOSPC`; `errno 133` for a value without one here.
    public var name: String {
        zc_errno_name(rawValue).map { String(cString: $0) } ?? "errno \(rawValue)"
    }

    /// The C library's sentence for it, `No space left on device`. The corresponding C function
    /// is `strerror`.
    public var meaning: String { String(cString: strerror(rawValue)) }

    /// `ENOSPC (No space left on device)`.
    public var description: String { "\(name) (\(meaning))" }
}
