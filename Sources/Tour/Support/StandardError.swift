import Glibc

/// Lines for stderr, written with write(2): Swift 6 refuses the C `stderr` global.
public enum StandardError {
    public static func line(_ text: String) {
        fflush(nil)  // stdout first, so a redirected transcript keeps its order
        let bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
