import Glibc

/// Paging inside a section under `--step`: a section taller than the terminal stops a line
/// short of the bottom with a one-line "more" prompt, so the projected screen never scrolls
/// past what the room has not read. Only on a terminal (never in a pipe); Enter, Space or
/// Page Down shows the next screenful, q stops the lesson there. The count starts again after
/// every key the presenter presses (a section's pause, a prediction's pause).
final class Pager {
    let presenter: Presenter
    /// The terminal's rows and columns, read when the lesson starts.
    let rows: Int
    let columns: Int
    /// Lines shown since the last key.
    private(set) var shown = 0
    /// The presenter pressed q at a "more" prompt: what follows is not shown until the lesson
    /// takes the stop (`takeStop`), after which its closing lines print without paging.
    private(set) var stopped = false
    private var passThrough = false

    /// A pager for standard output, or nil when it is not a terminal or too short to page.
    convenience init?(presenter: Presenter) {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row >= 4 else { return nil }
        self.init(presenter: presenter, rows: Int(size.ws_row), columns: Int(size.ws_col))
    }

    init(presenter: Presenter, rows: Int, columns: Int) {
        self.presenter = presenter
        self.rows = rows
        self.columns = max(1, columns)
    }

    /// A key was pressed: the screen is the room's again.
    func reset() { shown = 0 }

    /// Whether the presenter stopped at a "more" prompt; once taken, output flows unpaged.
    func takeStop() -> Bool {
        guard stopped else { return false }
        stopped = false
        passThrough = true
        return true
    }

    /// Prints `text` (as `TourContext.say` would, `newline` added unless false), pausing
    /// whenever the screen is full and there is more to show.
    func write(_ text: String, newline: Bool = true) {
        guard !stopped else { return }
        if passThrough {
            print(text, terminator: newline ? "\n" : "")
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let last = index == lines.count - 1
            if last && !newline {
                print(line, terminator: "")
                return
            }
            let height = max(1, (String(line).visibleWidth + columns - 1) / columns)
            if shown > 0 && shown + height > rows - 1 {
                guard (try? presenter.pauseForMore()) == true else {
                    stopped = true
                    return
                }
                shown = 0
            }
            print(line)
            shown += height
        }
    }
}
