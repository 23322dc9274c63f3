import Foundation
import Glibc
import TestSupport

/// The built `zctour` on a real pseudo-terminal, driven like a person at the keyboard: keys
/// are written to the master, the screen's text is read back with escape sequences removed.
final class Terminal {
    let pid: Int32
    let master: Int32
    private let child: ChildProcess
    private(set) var output = ""
    private var termination: Termination?

    init(environment: [String: String], arguments: [String] = [], rows: UInt16 = 50, columns: UInt16 = 120) throws {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        env["NO_COLOR"] = "1"
        env["ZCTOUR_LESSONS"] = Zctour.lessons
        env["LANG"] = "C.UTF-8"
        for (key, value) in environment { env[key] = value }
        let argv = [Zctour.binary] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }
        child = try ChildProcess.spawnOnPseudoTerminal(
            Zctour.binary, arguments: argv, environment: envp, rows: rows, columns: columns)
        pid = child.pid
        master = child.master
    }

    deinit {
        if termination == nil {
            kill(pid, SIGKILL)
            _ = wait(timeout: 5)
        }
        close(master)
    }

    /// Resizes the terminal, as a person dragging the window's corner does.
    func resize(rows: UInt16, columns: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types text (\r for Enter, \t for Tab, \u{3} for Ctrl-C, \u{4} for Ctrl-D).
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Types keys at a prompt that has just appeared. libedit prints the prompt a moment before
    /// it puts the terminal in raw mode; a Ctrl-D typed in that moment is taken by the line
    /// discipline as a cooked end-of-file and lost. A person never types that fast.
    func typeAtFreshPrompt(_ text: String) {
        usleep(200_000)
        type(text)
    }

    /// Reads until `text` appears in what was printed since `from`, or the time runs out.
    /// Returns the seconds it took, or nil.
    @discardableResult
    func waitFor(_ text: String, after from: String.Index? = nil, timeout: Double = 20) -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if visible(from: from).contains(text) { return Date().timeIntervalSince(start) }
            pump(milliseconds: 50)
        }
        return visible(from: from).contains(text) ? Date().timeIntervalSince(start) : nil
    }

    /// Reads until the texts appear in this order after `from` (a command's output, then the
    /// prompt that follows it), or the time runs out.
    @discardableResult
    func waitFor(sequence texts: [String], after from: String.Index? = nil, timeout: Double = 20) -> Bool {
        func found() -> Bool {
            var rest = Substring(visible(from: from))
            for text in texts {
                guard let range = rest.range(of: text) else { return false }
                rest = rest[range.upperBound...]
            }
            return true
        }
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if found() { return true }
            pump(milliseconds: 50)
        }
        return found()
    }

    /// Where the output ends now, to wait for something printed after it.
    var mark: String.Index { output.endIndex }

    func visible(from: String.Index? = nil) -> String {
        Terminal.stripEscapes(from.map { String(output[$0...]) } ?? output)
    }

    /// Reads what the terminal has within `milliseconds`; whether anything came.
    @discardableResult
    private func pump(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        output += String(decoding: buffer[..<count], as: UTF8.self)
        return true
    }

    /// Waits for the process to end; how it ended (an exit status or a killing signal), or nil
    /// if it is still running.
    func wait(timeout: Double = 10) -> Termination? {
        if let termination { return termination }
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if let ended = child.poll() {
                // What it wrote before it ended may still be in the terminal: read it all, so
                // that `visible()` after `wait()` holds the last lines (a loaded machine
                // reaps the child before the reader has caught up).
                while pump(milliseconds: 100) {}
                termination = ended
                return ended
            }
            pump(milliseconds: 20)
        }
        return nil
    }

    /// What the kernel says about the process, for a failure message.
    var diagnosis: String {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "gone"
        let wchan = (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? "?"
        let tail = visible().suffix(200)
        return "stat: \(stat.prefix(60)) wchan: \(wchan) output tail: \(tail.debugDescription)"
    }

    /// Removes CSI and OSC escape sequences and carriage returns.
    static func stripEscapes(_ text: String) -> String {
        var out = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(c.value >= 0x40 && c.value <= 0x7E) {}
                } else if next == "]" {
                    while let c = iterator.next(), c != "\u{7}" {}
                }
            } else if scalar != "\r" && scalar != "\u{7}" {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
