import CShims
import Glibc

extension Syscall {
    /// A pipe whose both ends are close-on-exec from the start (pipe2 with O_CLOEXEC), so a
    /// child started meanwhile holds neither end unless it is handed one: the modules above
    /// Syscalls do not see CShims' pipe2.
    public static func closeOnExecPipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        try Syscall.value(.pipe2) { zc_pipe2(&ends, O_CLOEXEC) }
        return (ends[0], ends[1])
    }
}
