import Foundation

/// Lesson prose on a terminal: paragraphs reflowed to the width, list items with a hanging
/// indent, `code` and **bold** shown with colour (or kept as typed without it), code blocks
/// indented, tables aligned (or listed, where too narrow), quotes kept as written.
public enum MarkdownText {
    public static func prose(_ lines: [String], style: Style) -> String {
        var out: [String] = []
        var paragraph = ""
        var bullet: (marker: String, indent: String)?
        let width = style.proseWidth
        func flush() {
            guard !paragraph.isEmpty else { return }
            let first = bullet.map { "  " + $0.marker } ?? ""
            let rest = bullet.map { "  " + $0.indent } ?? ""
            out += TextWrapper.wrap(inline(paragraph, style: style), width: width, first: first, rest: rest)
            paragraph = ""
            bullet = nil
        }
        var table: [String] = []
        func flushTable() {
            guard !table.isEmpty else { return }
            out += MarkdownText.table(table, style: style)
            table = []
        }
        for raw in lines {
            let line = raw.trimmingWhitespace()
            if line.hasPrefix("|") {
                flush()
                table.append(line)
                continue
            }
            flushTable()
            if line.isEmpty {
                flush()
                if out.last != "" { out.append("") }
            } else if raw.hasPrefix("    ") {
                flush()  // an indented block, kept as drawn
                out.append(TextWrapper.cut("  " + inline(raw, style: style), width: style.width, mark: cutMark(style)))
            } else if line.hasPrefix(">") {
                flush()
                let bar = "  " + style.dim("│ ")
                out += TextWrapper.wrap(inline(line.dropFirst().trimmingWhitespace(), style: style), width: width, first: bar, rest: bar)
            } else if let marker = listMarker(line) {
                flush()
                bullet = (marker, String(repeating: " ", count: marker.count))
                paragraph = String(line.dropFirst(marker.count))
            } else {
                paragraph = joined(paragraph, line)
            }
        }
        flushTable()
        flush()
        while out.first == "" { out.removeFirst() }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    /// A Markdown pipe table: aligned columns, each wrapping within its share of the width;
    /// where even that cannot fit (four columns at 60), each row as an item, every cell named by
    /// its column's title, so no cell is cut off.
    static func table(_ lines: [String], style: Style) -> [String] {
        let rows = lines.map { line -> [String] in
            var cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            if cells.first == "" { cells.removeFirst() }
            if cells.last == "" { cells.removeLast() }
            return cells
        }.filter { cells in
            // The row under the titles: dashes, with colons for alignment.
            !cells.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { $0 == "-" || $0 == ":" } }
        }
        guard let titles = rows.first else { return [] }
        var grid = Table(columns: titles.map { Table.Column(inline($0, style: style), right: false, wraps: true) })
        for row in rows.dropFirst() { grid.add(row.map { inline($0, style: style) }) }
        let drawn = grid.render(style: style, indent: 2).split(separator: "\n").map(String.init)
        if drawn.allSatisfy({ $0.visibleWidth <= style.width }) { return drawn }
        return rows.dropFirst().flatMap { row -> [String] in
            let text = zip(titles, row).dropFirst().map { "\($0): \($1)" }.joined(separator: "; ")
            return wrap(inline((row.first ?? "") + " — " + text, style: style), width: style.proseWidth, first: "  • ", rest: "    ")
        }
    }

    /// A paragraph's source lines joined as a reader sees them: with a space, except between
    /// two CJK characters, where the source's line break is no space at all.
    static func joined(_ text: String, _ line: String) -> String {
        guard let last = text.unicodeScalars.last, let next = line.unicodeScalars.first else { return text + line }
        return last.isWide && next.isWide ? text + line : text + " " + line
    }

    /// Marks where a diagram or table line was cut to fit the width.
    static func cutMark(_ style: Style) -> String { style.dim(style.unicode ? "…" : ">") }

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

    /// The tour's wrapper, under its old name; new code calls `TextWrapper.wrap`.
    @available(*, deprecated, renamed: "TextWrapper.wrap(_:width:first:rest:)")
    static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        TextWrapper.wrap(text, width: width, first: first, rest: rest)
    }

    /// Code blocks indented, tabs as four spaces. A line of code too long for the width
    /// continues on the next, marked, broken at a space where there is one, rather than running
    /// off a projector's screen. A diagram (box drawing, arrows) is never wrapped, which would
    /// tear it apart: too wide for its indent, it moves left; too wide for the screen, its lines
    /// are cut at the edge with a mark.
    public static func code(_ lines: [String], language: String, style: Style) -> String {
        let lines = lines.map { $0.replacingOccurrences(of: "\t", with: "    ") }
        if isDiagram(lines) { return diagram(lines, style: style) }
        let room = max(20, style.width - 4)
        let mark = style.unicode ? "↪ " : "> "
        return lines.flatMap { raw -> [String] in
            var out: [String] = []
            var rest = Array(raw)
            while true {
                let limit = room - (out.isEmpty ? 0 : 2)
                let (head, tail) = codeBreak(rest, room: limit)
                out.append("    " + (out.isEmpty ? "" : style.dim(mark)) + style.dim(String(head)))
                guard !tail.isEmpty else { return out }
                rest = Array(tail)
            }
        }.joined(separator: "\n")
    }

    /// The part of a code line that fits `room` columns and what continues: broken at the last
    /// space that fits past the line's indent (the space goes), else where the room ends.
    static func codeBreak(_ line: [Character], room: Int) -> (head: ArraySlice<Character>, tail: ArraySlice<Character>) {
        var width = 0
        var end = 0
        var lastSpace: Int?
        let indent = line.prefix { $0 == " " }.count
        while end < line.count {
            let next = width + String(line[end]).visibleWidth
            if next > room { break }
            if line[end] == " " && end > indent { lastSpace = end }
            width = next
            end += 1
        }
        guard end < line.count else { return (line[...], []) }
        if let lastSpace { return (line[..<lastSpace], line[(lastSpace + 1)...]) }
        return (line[..<max(end, 1)], line[max(end, 1)...])
    }

    /// Box drawing, block elements, arrows or geometric shapes: a picture, not code.
    static func isDiagram(_ lines: [String]) -> Bool {
        lines.contains { line in
            line.unicodeScalars.contains { (0x2190...0x21FF).contains($0.value) || (0x2500...0x25FF).contains($0.value) }
        }
    }

    static func diagram(_ lines: [String], style: Style) -> String {
        let widest = lines.map(\.visibleWidth).max() ?? 0
        let indent = String(repeating: " ", count: max(0, min(4, style.width - widest)))
        return lines.map { line in
            TextWrapper.cut(indent + style.dim(line), width: style.width, mark: cutMark(style)).trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    /// A command as typed, `$ zctour ...`, folded with shell continuations when too wide.
    public static func command(_ text: String, style: Style) -> String {
        let line = "$ " + text
        guard line.visibleWidth > style.width else { return style.bold(line) }
        var lines: [String] = []
        var current = "$"
        for word in text.split(separator: " ") {
            if current.visibleWidth + 1 + String(word).visibleWidth + 2 > style.width && current != "$" && current != "   " {
                lines.append(current + " \\")
                current = "   "
            }
            current += " " + word
        }
        lines.append(current)
        return lines.map { style.bold($0) }.joined(separator: "\n")
    }
}
