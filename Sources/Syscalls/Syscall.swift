import Glibc

/// Every checked syscall in zctour goes through here, in the manner of swift-system's
/// `valueOrErrno` and SwiftNIO's `syscall(blocking:)`: the call is made, a failure becomes a
/// typed `SystemError`, and `EINTR` is retried, unless an interruption (Ctrl-C, SIGTERM,
/// SIGHUP, recorded by the handler `Interruption.install` sets up) is pending: then the call
/// throws `Interrupted`, so a long transfer or a blocked read stops promptly and unwinds
/// through the code that removes its files. The handler is installed without SA_RESTART for
/// exactly that reason: a blocked call returns EINTR instead of resuming.
///
/// The wrappers are inlinable and allocate nothing unless they throw, so they can sit inside a
/// measured window (the probe's own pread, a demo's write loop) without adding to its counts.
public enum Syscall {
    /// Runs a call that returns -1 and sets errno on failure (`open`, `read`, `sendfile`...),
    /// and returns its result. The corresponding C idiom is `while ((n = f()) < 0 && errno == EINTR);`.
    @inlinable
    @discardableResult
    public static func value<Result: FixedWidthInteger & SignedInteger>(
        _ operation: SystemError.Operation, path: String? = nil, descriptor: Int32? = nil, _ body: () -> Result
    ) throws -> Result {
        while true {
            let result = body()
            if result >= 0 { return result }
            try failed(operation, errno: Glibc.errno, path: path, descriptor: descriptor)
        }
    }

    /// Runs a call that returns a pointer, NULL (or `failure`: mmap's `MAP_FAILED`) with errno
    /// on failure (`opendir`, `fopen`, `mmap`), and returns the pointer.
    @inlinable
    public static func pointer<Pointer: Equatable>(
        _ operation: SystemError.Operation, path: String? = nil, descriptor: Int32? = nil, failure: Pointer? = nil,
        _ body: () -> Pointer?
    ) throws -> Pointer {
        while true {
            if let result = body(), result != failure { return result }
            try failed(operation, errno: Glibc.errno, path: path, descriptor: descriptor)
        }
    }

    /// Runs a call that returns 0 on success and the errno itself on failure, leaving errno
    /// alone (`posix_fadvise`, `pthread_create`).
    @inlinable
    public static func returningErrno(
        _ operation: SystemError.Operation, path: String? = nil, descriptor: Int32? = nil, _ body: () -> Int32
    ) throws {
        while true {
            let code = body()
            if code == 0 { return }
            try failed(operation, errno: code, path: path, descriptor: descriptor)
        }
    }

    /// For a C helper that stops at its first failed call, EINTR included, because it must not
    /// be restarted half way (a yardstick loop): throws `Interrupted` when an interruption
    /// explains the errno it left, so the caller reports anything else as that helper's own failure.
    public static func checkInterruption(afterFailureWith code: Int32) throws {
        if code == EINTR { try Interruption.check() }
    }

    /// What every wrapper does with a failure: returns (to retry) only for an EINTR that no
    /// interruption explains; throws `Interrupted` for one that an interruption does, and
    /// `SystemError` for anything else.
    @usableFromInline
    static func failed(_ operation: SystemError.Operation, errno code: Int32, path: String?, descriptor: Int32?) throws {
        if code == EINTR {
            try Interruption.check()
            return
        }
        throw SystemError(operation, errno: code, path: path, descriptor: descriptor)
    }
}
