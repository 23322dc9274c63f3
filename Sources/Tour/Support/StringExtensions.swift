import ArgumentParser
import Glibc
import ZeroCopy

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}

extension String {
    func padded(to width: Int, right: Bool = false) -> String {
        let gap = max(0, width - visibleWidth)
        let space = String(repeating: " ", count: gap)
        return right ? space + self : self + space
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

extension String {
    /// The prompt without libedit's \1 markers, for a transcript.
    func replacingEscapeMarkers() -> String { filter { $0 != "\u{1}" } }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

extension String {
    /// The text as a message quotes it: whole when short, else its start and its length, so a
    /// 100 KB argument does not fill the screen with the error that refuses it.
    var abbreviated: String {
        guard count > 60 else { return self }
        return String(prefix(40)) + "… (\(NumberFormat.count(count)) characters)"
    }
}
