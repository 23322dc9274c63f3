import Foundation

/// Lesson prose on a terminal: paragraphs reflowed to the width, list items with a hanging
/// indent, `code` and **bold** shown with colour (or kept as typed without it), code blocks
/// indented, tables and quotes kept as written.
public enum MarkdownText {
    public static func prose(_ lines: [String], style: Style) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var bullet: (marker: String, indent: String)?
        let width = min(style.width, 100)
        func flush() {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.joined(separator: " ")
            let first = bullet.map { "  " + $0.marker } ?? ""
            let rest = bullet.map { "  " + $0.indent } ?? ""
            out += wrap(inline(text, style: style), width: width, first: first, rest: rest)
            paragraph = []
            bullet = nil
        }
        for raw in lines {
            let line = raw.trimmingWhitespace()
            if line.isEmpty {
                flush()
                if out.last != "" { out.append("") }
            } else if line.hasPrefix("|") || raw.hasPrefix("    ") {
                flush()
                out.append("  " + inline(raw, style: style))
            } else if line.hasPrefix(">") {
                flush()
                out.append("  " + style.dim("│ ") + inline(line.dropFirst().trimmingWhitespace(), style: style))
            } else if let marker = listMarker(line) {
                flush()
                bullet = (marker, String(repeating: " ", count: marker.count))
                paragraph = [String(line.dropFirst(marker.count))]
            } else {
                paragraph.append(line)
            }
        }
        flush()
        while out.first == "" { out.removeFirst() }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    static func listMarker(_ line: String) -> String? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return "• " }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return "\(digits). " }
        return nil
    }

    /// `code` in cyan and **bold** in bold when colour is on; without colour the backticks stay
    /// (they mark code) and the asterisks go.
    static func inline(_ text: String, style: Style) -> String {
        guard style.color else { return text.replacingOccurrences(of: "**", with: "") }
        var out = ""
        var rest = Substring(text)
        while let index = rest.firstIndex(where: { $0 == "`" || $0 == "*" }) {
            out += rest[..<index]
            rest = rest[index...]
            if rest.hasPrefix("`"), let end = rest.dropFirst().firstIndex(of: "`") {
                out += style.cyan(String(rest[rest.index(after: rest.startIndex)..<end]))
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
                out += style.bold(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]))
                rest = rest[end.upperBound...]
            } else {
                out += rest.prefix(1)
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }

    /// Greedy word wrap by visible width.
    static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ") {
            let candidate = lineHasWord ? line + " " + word : line + word
            if lineHasWord && candidate.visibleWidth > width {
                lines.append(line)
                line = rest + word
            } else {
                line = candidate
            }
            lineHasWord = true
        }
        if lineHasWord { lines.append(line) }
        return lines
    }

    /// Code blocks indented, tabs as four spaces; a line too long for the width continues on
    /// the next, marked, rather than running off a projector's screen.
    public static func code(_ lines: [String], language: String, style: Style) -> String {
        let room = max(20, style.width - 4)
        let mark = style.unicode ? "↪ " : "> "
        return lines.flatMap { raw -> [String] in
            var rest = Substring(raw.replacingOccurrences(of: "\t", with: "    "))
            var out: [String] = []
            var first = true
            while rest.count > room - (first ? 0 : 2) {
                let limit = room - (first ? 0 : 2)
                let head = rest.prefix(limit)
                // Break at the last space of the line's second half, else where the room ends.
                let cut = head.lastIndex(of: " ").flatMap { head.distance(from: head.startIndex, to: $0) > limit / 2 ? $0 : nil }
                let piece = cut.map { rest[..<$0] } ?? head
                out.append("    " + (first ? "" : style.dim(mark)) + style.dim(String(piece)))
                rest = rest[piece.endIndex...]
                if cut != nil { rest = rest.dropFirst() }
                first = false
            }
            out.append("    " + (first ? "" : style.dim(mark)) + style.dim(String(rest)))
            return out
        }.joined(separator: "\n")
    }

    /// A command as typed, `$ zctour ...`, folded with shell continuations when too wide.
    public static func command(_ text: String, style: Style) -> String {
        let line = "$ " + text
        guard line.count > style.width else { return style.bold(line) }
        var lines: [String] = []
        var current = "$"
        for word in text.split(separator: " ") {
            if current.count + 1 + word.count + 2 > style.width && current != "$" && current != "   " {
                lines.append(current + " \\")
                current = "   "
            }
            current += " " + word
        }
        lines.append(current)
        return lines.map { style.bold($0) }.joined(separator: "\n")
    }
}
