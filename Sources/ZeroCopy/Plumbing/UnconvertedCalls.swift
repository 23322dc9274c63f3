import Glibc
@_spi(Unconverted) import Syscalls

// Transitional, until the technique files move onto the syscall layer (after the demo table
// lands on main, which is restructuring them now): the names they use, unchanged, over the
// new layer. Everything else in ZeroCopy already calls `Syscall` directly; this file goes
// when the techniques do.

typealias Interruption = Syscalls.Interruption
typealias SystemError = Syscalls.SystemError

/// The techniques' old spelling of `Syscall.value`; the call's text is only built on failure,
/// so a measured window allocates nothing for it.
@inline(__always)
func systemCall<T: FixedWidthInteger & SignedInteger>(
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
        throw SystemError(.unconverted(call()), errno: code, path: path)
    }
}

extension SystemError {
    /// The techniques' old initialiser: the call as text.
    init(call: String, errno: Int32, path: String? = nil) {
        self.init(.unconverted(call), errno: errno, path: path)
    }
}
