import Glibc

extension Presenter {
    /// The "more" prompt of a section taller than the screen: one line, erased once
    /// answered; true to go on, false when the presenter stopped (q, Esc, Ctrl-D).
    func pauseForMore() throws -> Bool {
        let more = Strings.presenterMore
        fflush(nil)
        Presenter.write(style.dim(more), to: STDOUT_FILENO)
        defer { Presenter.write("\r\u{1B}[2K", to: STDOUT_FILENO) }
        while true {
            switch try readKey() {
            case .next: return true
            case .stop: return false
            case .other: continue
            }
        }
    }
}
