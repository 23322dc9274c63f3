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

    public static func code(_ lines: [String], language: String, style: Style) -> String {
        lines.map { "    " + style.dim($0) }.joined(separator: "\n")
    }
}
