import CShims
import Glibc

/// Why the /proc counters cannot be shown, in one line.
public struct ProbeUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
