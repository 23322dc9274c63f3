import Glibc

/// A demo's C loop that could not run or stopped part way.
public struct YardstickFailed: Error, Equatable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        /// The demo has no C loop.
        case none
        /// A call failed with this errno.
        case failed(errno: Int32)
        /// MSG_ZEROCOPY: a send was never reported complete.
        case unfinishedSends
    }

    public let demo: String
    public let problem: Problem

    public var description: String {
        switch problem {
        case .none: "\(demo) has no C loop"
        case .failed(let code): "the C loop of \(demo) failed: \(ErrnoName.of(code)) (\(String(cString: strerror(code))))"
        case .unfinishedSends: "the C loop of \(demo): a MSG_ZEROCOPY send was never reported complete"
        }
    }
}
