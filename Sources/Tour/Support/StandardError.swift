import Glibc
import Syscalls

/// Lines for stderr, written with write(2): Swift 6 refuses the C `stderr` global. A line that
/// cannot be written (stderr closed) is dropped: there is nowhere left to say so. Folded to
/// ASCII where the locale is not UTF-8, as standard output is.
public enum StandardError {
    public static func line(_ text: String) {
        let width = isatty(STDERR_FILENO) == 1 ? Style.terminalWidth(of: STDERR_FILENO) : nil
        ProgressLine.shared.hidden {
            fflush(nil)  // anything libedit or stdout still buffers first, so a transcript keeps its order
            let wrapped = render(text, width: width)
            let shown = Style.localeIsUTF8() ? wrapped : ASCIIText.folded(wrapped)
            _ = try? Syscall.writeAll(STDERR_FILENO, shown + "\n")
        }
    }

    /// What `line` writes: at a terminal (`width`), wrapped at spaces so that no word is torn
    /// at its edge; elsewhere (nil: a pipe, a file, a log) as given, one line to grep.
    public static func render(_ text: String, width: Int?) -> String {
        guard let width else { return text }
        return TextWrapper.fitLines(text, width: width)
    }
}
