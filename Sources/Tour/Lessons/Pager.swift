import Glibc

/// Paging inside a section under `--step`: a section taller than the terminal stops a line
/// short of the bottom with a one-line "more" prompt, so the projected screen never scrolls
/// past what the room has not read. Only on a terminal (never in a pipe); Enter, Space or
/// Page Down shows the next screenful, q stops the lesson there. The count starts again after
/// every key the presenter presses (a section's pause, a prediction's pause).
final class Pager {
    let presenter: Presenter
    /// The terminal's rows and columns, read when the lesson starts and again at every fresh
    /// screen, since the window may have been resized while the room read.
    private(set) var rows: Int
    private(set) var columns: Int
    private let measuresTerminal: Bool
    /// Lines shown since the last key.
    private(set) var shown = 0
    /// The presenter pressed q at a "more" prompt: what follows is not shown until the lesson
    /// takes the stop (`takeStop`), after which its closing lines print without paging.
    private(set) var stopped = false
    private var passThrough = false

    /// A pager for standard output, or nil when it is not a terminal or too short to page.
    convenience init?(presenter: Presenter) {
        guard isatty(STDOUT_FILENO) == 1, let size = Pager.windowSize() else { return nil }
        self.init(presenter: presenter, rows: size.rows, columns: size.columns, measuresTerminal: true)
    }

    init(presenter: Presenter, rows: Int, columns: Int, measuresTerminal: Bool = false) {
        self.presenter = presenter
        self.rows = rows
        self.columns = max(1, columns)
        self.measuresTerminal = measuresTerminal
    }

    /// Standard output's window, when it is one at least 4 rows tall.
    static func windowSize() -> (rows: Int, columns: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row >= 4 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// A fresh screen begins: its height is the window's now.
    private func beginScreen() {
        shown = 0
        guard measuresTerminal, let size = Pager.windowSize() else { return }
        rows = size.rows
        columns = max(1, size.columns)
    }

    /// A key was pressed: the screen is the room's again.
    func reset() { beginScreen() }

    /// Whether the presenter stopped at a "more" prompt; once taken, output flows unpaged.
    func takeStop() -> Bool {
        guard stopped else { return false }
        stopped = false
        passThrough = true
        return true
    }

    /// Prints `text` as `TourContext.say` prints it on a terminal (fitted to the width, a
    /// progress line erased first), pausing whenever the screen is full and there is more.
    func write(_ text: String) {
        guard !stopped else { return }
        let fitted = TextWrapper.fitLines(text, width: presenter.style.width)
        if passThrough {
            ProgressLine.shared.hidden { StandardOutput.write(fitted + "\n") }
            return
        }
        for line in fitted.split(separator: "\n", omittingEmptySubsequences: false) {
            let height = max(1, (String(line).visibleWidth + columns - 1) / columns)
            if shown > 0 && shown + height > rows - 1 {
                // The progress line of a command still running stays away while the room reads.
                guard ProgressLine.shared.hidden({ (try? presenter.pauseForMore()) == true }) else {
                    stopped = true
                    return
                }
                beginScreen()
            }
            ProgressLine.shared.hidden { StandardOutput.write(line + "\n") }
            shown += height
        }
    }
}
