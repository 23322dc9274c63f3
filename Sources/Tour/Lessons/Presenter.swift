import Glibc
import Syscalls
import ZeroCopy

/// Presenter mode (`zctour lesson N --step`): before each section the lesson waits for a key,
/// so an instructor talks over one section at a time. Enter, Space, the Right or Down arrow and
/// Page Down continue (a presentation clicker sends one of these); q, Esc or Ctrl-D stop the
/// lesson there; Ctrl-C interrupts as everywhere else. The keys are read one at a time with the
/// terminal in non-canonical mode, restored after every key.
struct Presenter {
    let style: Style

    /// Presenter mode needs a person at a terminal to press the keys.
    init(style: Style) throws(UsageError) {
        guard isatty(STDIN_FILENO) == 1 else {
            throw UsageError(
                "--step waits for Enter between sections, so it needs a terminal on standard input; "
                    + "without --step the lesson prints all at once")
        }
        self.style = style
    }

    /// Shows where the lesson goes next and waits; false when the presenter stopped.
    func pause(before title: String, section: Int, of count: Int) throws -> Bool {
        let next = style.unicode ? "▸" : ">"
        var prompt = Strings.presenterNext(next, title: title, section: section, of: count)
        if prompt.visibleWidth > style.width { prompt = Strings.presenterNextShort(next, section: section, of: count) }
        return try wait(showing: prompt)
    }

    /// After a prediction's question, before the demo that answers it: the room can answer
    /// first. False when the presenter stopped.
    func pauseBeforeAnswer() throws -> Bool {
        let next = style.unicode ? "▸" : ">"
        var prompt = Strings.presenterGuess(next)
        if prompt.visibleWidth > style.width { prompt = Strings.presenterGuessShort(next) }
        return try wait(showing: prompt)
    }

    /// Shows `prompt` under the text and waits for a key; false when it says stop.
    private func wait(showing prompt: String) throws -> Bool {
        let promptFD: Int32? = isatty(STDOUT_FILENO) == 1 ? STDOUT_FILENO : isatty(STDERR_FILENO) == 1 ? STDERR_FILENO : nil
        fflush(nil)
        if let promptFD { Presenter.write("\n" + style.dim(prompt), to: promptFD) }
        defer {
            // The prompt goes once answered, so the projected screen shows only the lesson.
            if let promptFD { Presenter.write("\r\u{1B}[2K\u{1B}[1A", to: promptFD) }
        }
        while true {
            switch try readKey() {
            case .next: return true
            case .stop: return false
            case .other: continue
            }
        }
    }

    enum Key { case next, stop, other }

    /// One key press, with the terminal in non-canonical mode without echo only for that long.
    func readKey() throws -> Key {
        var saved = termios()
        let raw = tcgetattr(STDIN_FILENO, &saved) == 0
        if raw {
            var settings = saved
            settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
            withUnsafeMutableBytes(of: &settings.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        }
        defer { if raw { tcsetattr(STDIN_FILENO, TCSANOW, &saved) } }
        guard let byte = try readByte() else { return .stop }  // end of input
        switch byte {
        case 0x0A, 0x0D, 0x20, UInt8(ascii: "n"), UInt8(ascii: "j"): return .next
        case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x04: return .stop
        case 0x1B:
            // An arrow or Page Down arrives as ESC [ ...; Esc alone has nothing after it.
            var sequence: [UInt8] = []
            while sequence.count < 8, Presenter.ready(milliseconds: 40), let next = try readByte() { sequence.append(next) }
            if sequence.isEmpty { return .stop }
            let text = String(decoding: sequence, as: UTF8.self)
            return ["[C", "[B", "[6~", "OC", "OB"].contains(text) ? .next : .other
        default: return .other
        }
    }

    /// A byte from standard input; nil at end of input or when it cannot be read. Ctrl-C (and
    /// SIGTERM) interrupt it.
    func readByte() throws -> UInt8? {
        var byte: UInt8 = 0
        do {
            return try Syscall.value(.read, descriptor: STDIN_FILENO) { read(STDIN_FILENO, &byte, 1) } == 1 ? byte : nil
        } catch is SystemError {
            return nil
        }
    }

    static func ready(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    /// The prompt and its erasure are cosmetic: one that cannot be written is left out.
    static func write(_ text: String, to fd: Int32) {
        _ = try? Syscall.writeAll(fd, text)
    }
}
