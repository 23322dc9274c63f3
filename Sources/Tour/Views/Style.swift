import Glibc

/// How output looks: colour only on a terminal, never with NO_COLOR or --no-color; the width
/// from the terminal (or COLUMNS), for wrapping prose and fitting tables.
public struct Style: Sendable {
    public var color: Bool
    public var width: Int
    /// Unicode marks (✓ ✗ → ·) unless the locale cannot show them.
    public var unicode: Bool
    /// The longest line of prose, however wide the terminal: past about 100 columns a line is
    /// hard to follow back to the start of the next.
    public var measure = 100

    /// The width prose wraps to: the terminal's, up to `measure`.
    public var proseWidth: Int { min(width, measure) }

    public init(color: Bool, width: Int, unicode: Bool = true) {
        self.color = color
        self.width = width
        self.unicode = unicode
    }

    /// Decides from the environment and standard output (or `descriptor`, for text that goes
    /// elsewhere: inspect's report on standard error).
    public static func detect(noColor: Bool = false, width: Int? = nil, descriptor: Int32 = STDOUT_FILENO) -> Style {
        let terminal = isatty(descriptor) == 1
        let noColorSet = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let dumb = getenv("TERM").map { String(cString: $0) == "dumb" } ?? false
        let color = terminal && !noColor && !noColorSet && !dumb
        return Style(color: color, width: width ?? terminalWidth(of: descriptor), unicode: localeIsUTF8())
    }

    /// The columns of the terminal on `descriptor` (standard output unless said), else
    /// $COLUMNS, else 80; kept between 40 and 200.
    public static func terminalWidth(of descriptor: Int32 = STDOUT_FILENO) -> Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return min(max(Int(size.ws_col), 40), 200)
        }
        if let columns = getenv("COLUMNS"), let value = Int(String(cString: columns)), value > 0 {
            return min(max(value, 40), 200)
        }
        return 80
    }

    static func localeIsUTF8() -> Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(name), value.pointee != 0 {
                let text = String(cString: value).uppercased()
                return text.contains("UTF-8") || text.contains("UTF8") || text == "C.UTF-8"
            }
        }
        return true
    }

    func wrap(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    public var check: String { unicode ? "✓" : "ok" }
    public var cross: String { unicode ? "✗" : "FAILED" }
    public var arrow: String { unicode ? "→" : "->" }
    public var dot: String { unicode ? "·" : "-" }
    public var rule: String { unicode ? "─" : "-" }
}
