import Glibc
import Syscalls

/// Lines for stderr, written with write(2): Swift 6 refuses the C `stderr` global. A line that
/// cannot be written (stderr closed) is dropped: there is nowhere left to say so. Folded to
/// ASCII where the locale is not UTF-8, as standard output is.
public enum StandardError {
    public static func line(_ text: String) {
        fflush(nil)  // anything libedit still buffers first, so a transcript keeps its order
        let shown = Style.localeIsUTF8() ? text : ASCIIText.folded(text)
        _ = try? Syscall.writeAll(STDERR_FILENO, shown + "\n")
    }
}
