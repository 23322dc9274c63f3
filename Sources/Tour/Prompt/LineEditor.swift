import CEditLine
import CEditLineShims
import Glibc
import Syscalls

/// The prompt's line editing, on libedit's native API: emacs keys, history (Up/Down, Ctrl-R),
/// UTF-8, Tab completion. History is loaded from and saved to a file, bounded, without
/// repeated consecutive entries.
public final class LineEditor {
    private var editor: OpaquePointer?
    private var history: OpaquePointer?
    private let state: StateDirectory
    /// False when the history file exists but could not be loaded: saving would replace it with
    /// this session's lines alone.
    private var mayReplaceHistory = true
    let completer: Completer

    static let historyName = "history"

    public static let historySize = 1000

    public enum Input: Equatable {
        case line(String)
        /// A line that is not a command line (a NUL, an escape, too long): why, in a few words.
        case rejected(String)
        /// Ctrl-C at the prompt: the line is dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case end
    }

    public init?(state: StateDirectory, completer: Completer) {
        self.state = state
        self.completer = completer
        // Without it, UTF-8 editing breaks (café + Backspace); a locale the system lacks
        // (LANG=zh_CN.UTF-8 where only C.UTF-8 is installed) still edits UTF-8.
        if setlocale(LC_CTYPE, "") == nil { setlocale(LC_CTYPE, "C.UTF-8") }
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard
            let editor = zc_el_open(
                "zctour", context,
                { editor, _ in
                    guard let editor, let client = zc_el_client(editor) else { return UInt8(CC_ERROR) }
                    return Unmanaged<LineEditor>.fromOpaque(client).takeUnretainedValue().complete(editor)
                },
                { Interruption.pending == nil ? 0 : 1 })
        else { return nil }
        self.editor = editor
        history = zc_history_open(Int32(LineEditor.historySize), editor)
        if let history { loadHistory(history) }
    }

    /// The history file, opened without following a link: one planted there is not read (and
    /// `saveHistory` replaces the link, never what it points to).
    private func loadHistory(_ history: OpaquePointer) {
        let path = state.file(LineEditor.historyName)
        let fd: Int32
        do {
            fd = try Syscall.value(.open, path: path) { open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        } catch let error as SystemError where error.errno == ENOENT {
            return
        } catch {
            mayReplaceHistory = false
            StandardError.line("zctour: the history in \(path) is not used: \(error)")
            return
        }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, zc_history_load_fd(history, fd) == 0 else {
            mayReplaceHistory = false
            StandardError.line("zctour: the history in \(path) could not be read, so it is left as it is")
            return
        }
    }

    deinit { close() }

    /// Saves the history and gives the terminal back as it was found.
    public func close() {
        saveHistory()
        if let editor { zc_el_close(editor) }
        if let history { zc_history_close(history) }
        editor = nil
        history = nil
    }

    /// Replaces the history file atomically, under the state directory's lock (which its sweep
    /// for abandoned temporary files also takes). History is a convenience: a save that fails is
    /// dropped without a word, as a shell's is.
    public func saveHistory() {
        guard let history, mayReplaceHistory else { return }
        let path = state.file(LineEditor.historyName)
        try? state.withLock {
            let writer = try AtomicFileWriter(path: path, discardsWhenInterrupted: false)
            try writer.commit { fd in
                if zc_history_save_fd(history, fd) != 0 { throw SystemError(.write, errno: Errno.current.rawValue, path: path) }
            }
        }
    }

    /// The next line. Ctrl-C gives `.interrupted` in every mode of the editor (a line being
    /// typed, Ctrl-R's search, vi's command mode): a pending signal is what decides, not how
    /// el_gets returned, since incremental search returns from a Ctrl-C as from a Ctrl-D. The
    /// cursor is then at the start of a fresh line.
    public func read(prompt: String) -> Input {
        guard let editor else { return .end }
        zc_el_set_prompt(prompt)
        var count: Int32 = 0
        let text = zc_el_gets(editor, &count)
        if Interruption.pending != nil || text == nil && count < 0 && Errno.current == .interrupted {
            zc_el_reset(editor)
            // A search ends as end of file does, below its own line; a line being edited stops
            // where the cursor is.
            if text != nil || count != 0 { fputsStdout("\n") }
            return .interrupted
        }
        guard let text, count > 0 else { return .end }
        // `count` is the bytes libedit read; a C string shorter than that held a NUL, where
        // the conversion stopped.
        let length = strlen(text)
        if length < Int(count) { return .rejected("holds a control character (NUL); a command line is plain text") }
        var bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: length))
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        do { return .line(try CommandLineText.text(bytes)) } catch { return .rejected(error.description) }
    }

    public func remember(_ line: String) {
        guard let history, !line.trimmingWhitespace().isEmpty else { return }
        zc_history_add(history, line)
        saveHistory()  // after every line, so no exit path can lose it
    }

    /// Tab: a unique match is completed (with a space after a whole word); several are listed
    /// under the line and their common prefix is filled in.
    private func complete(_ editor: OpaquePointer) -> UInt8 {
        var buffer = [CChar](repeating: 0, count: 4096)
        _ = zc_el_text_before_cursor(editor, &buffer, Int32(buffer.count))
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let (word, matches) = completer.candidates(before: text)
        guard !matches.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        if matches.count == 1, let match = matches.first {
            let rest = String(match.dropFirst(word.count)) + (match.hasSuffix("/") ? "" : " ")
            _ = zc_el_insert(editor, rest)
            return UInt8(CC_REFRESH)
        }
        // Several: list them all, and fill in what they share.
        let common = Completer.commonPrefix(matches)
        if common.count > word.count { _ = zc_el_insert(editor, String(common.dropFirst(word.count))) }
        let width = (matches.map(\.count).max() ?? 0) + 2
        let perLine = max(1, Style.terminalWidth() / width)
        var listing = "\n"
        for (index, match) in matches.enumerated() {
            listing += match.padded(to: width)
            if (index + 1) % perLine == 0 || index == matches.count - 1 { listing = listing.trimmingTrailingSpaces() + "\n" }
        }
        fputsStdout(listing)
        return UInt8(CC_REDISPLAY)
    }
}

/// Writes to stdout at once, for text that must appear between libedit's redraws.
func fputsStdout(_ text: String) {
    fflush(nil)  // what libedit has drawn so far comes first
    StandardOutput.write(text)
}
