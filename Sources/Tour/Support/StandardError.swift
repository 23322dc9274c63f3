import Glibc
import Syscalls

/// Lines for stderr, written with write(2): Swift 6 refuses the C `stderr` global. A line that
/// cannot be written (stderr closed) is dropped: there is nowhere left to say so.
public enum StandardError {
    public static func line(_ text: String) {
        fflush(nil)  // stdout first, so a redirected transcript keeps its order
        _ = try? Syscall.writeAll(STDERR_FILENO, text + "\n")
    }
}
