import Foundation

/// Text into HTML, and the small Markdown of the lessons' prose into HTML elements. The output
/// is also well-formed XML (every element closed, only the five XML escapes), so the tests can
/// parse a handout strictly and a reader's browser never has to guess.
enum HTML {
    /// One self-contained page: its style, its body, and the data behind it as JSON in
    /// `script#zctour-data`, so a script can read the numbers back from the page itself.
    static func page(title: String, style: String, body: [String], data: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        <script type="application/json" id="zctour-data">\(data)</script>
        </body>
        </html>

        """
    }

    /// Escapes text for an element or a quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// JSON for a `<script type="application/json">` block: `<`, `>` and `&` escaped inside its
    /// strings, so the block cannot close itself and the page stays well-formed XML.
    static func scriptJSON(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
    }

    /// Lesson prose: paragraphs, `-`/`*`/`1.` lists, `>` quotes, `|` tables, indented code;
    /// inline `code`, **bold** and [links](url).
    static func prose(_ lines: [String]) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [[String]])?
        var table: [String] = []
        var code: [String] = []
        func flushParagraph() {
            if !paragraph.isEmpty { out.append("<p>" + inline(paragraph.joined(separator: " ")) + "</p>") }
            paragraph = []
        }
        func flushList() {
            guard let current = list else { return }
            let tag = current.ordered ? "ol" : "ul"
            out.append("<\(tag)>" + current.items.map { "<li>" + inline($0.joined(separator: " ")) + "</li>" }.joined() + "</\(tag)>")
            list = nil
        }
        func flushTable() {
            guard !table.isEmpty else { return }
            let rows = table.filter { row in !row.allSatisfy { "|-: ".contains($0) } }.map(cells)
            var html = "<table class=\"prose\">"
            for (index, row) in rows.enumerated() {
                let tag = index == 0 ? "th" : "td"
                html += "<tr>" + row.map { "<\(tag)>\(inline($0))</\(tag)>" }.joined() + "</tr>"
            }
            out.append(html + "</table>")
            table = []
        }
        func flushCode() {
            if !code.isEmpty { out.append("<pre><code>" + escape(code.joined(separator: "\n")) + "</code></pre>") }
            code = []
        }
        enum Block { case paragraph, list, table, code }
        /// Ends every open block but `open`, the kind the next line continues.
        func close(except open: Block?) {
            if open != .paragraph { flushParagraph() }
            if open != .list { flushList() }
            if open != .table { flushTable() }
            if open != .code { flushCode() }
        }
        for raw in lines {
            let line = raw.trimmingWhitespace()
            if raw.hasPrefix("    ") && list == nil && paragraph.isEmpty {
                close(except: .code)
                code.append(String(raw.dropFirst(4)))
                continue
            }
            if line.isEmpty {
                close(except: nil)
            } else if line.hasPrefix("|") {
                close(except: .table)
                table.append(line)
            } else if line.hasPrefix(">") {
                close(except: nil)
                out.append("<blockquote><p>" + inline(line.dropFirst().trimmingWhitespace()) + "</p></blockquote>")
            } else if let (ordered, text) = listItem(line) {
                close(except: .list)
                if list == nil || list?.ordered != ordered {
                    flushList()
                    list = (ordered, [])
                }
                list?.items.append([text])
            } else if list != nil {  // an item's next line, indented or not (a lazy continuation)
                if var current = list, !current.items.isEmpty {
                    current.items[current.items.count - 1].append(line)
                    list = current
                }
            } else {
                close(except: .paragraph)
                paragraph.append(line)
            }
        }
        close(except: nil)
        return out.joined(separator: "\n")
    }

    /// http(s), mailto, a fragment or a relative path: the targets a handout may link to.
    static func isSafeLink(_ target: String) -> Bool {
        let lowered = target.lowercased()
        guard let colon = lowered.firstIndex(of: ":") else { return true }  // relative, #fragment
        if let slash = lowered.firstIndex(where: { $0 == "/" || $0 == "#" || $0 == "?" }), slash < colon { return true }
        return ["http", "https", "mailto"].contains(String(lowered[..<colon]))
    }

    static func listItem(_ line: String) -> (Bool, String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return (true, String(line.dropFirst(digits.count + 2))) }
        return nil
    }

    static func cells(_ row: String) -> [String] {
        var text = row.trimmingWhitespace()
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") { text.removeLast() }
        return text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
    }

    /// Inline Markdown: text is escaped, code spans are kept as typed.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let index = rest.firstIndex(where: { $0 == "`" || $0 == "*" || $0 == "[" }) {
            out += escape(String(rest[..<index]))
            rest = rest[index...]
            if rest.hasPrefix("`"), let end = rest.dropFirst().firstIndex(of: "`") {
                out += "<code>" + escape(String(rest[rest.index(after: rest.startIndex)..<end])) + "</code>"
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
                out += "<strong>" + inline(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])) + "</strong>"
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("["), let close = rest.range(of: "]("), let end = rest[close.upperBound...].firstIndex(of: ")") {
                let label = String(rest[rest.index(after: rest.startIndex)..<close.lowerBound])
                let target = String(rest[close.upperBound..<end])
                // A link goes to a page, never runs a script: javascript: and data: targets
                // are shown as text.
                out += isSafeLink(target) ? "<a href=\"\(escape(target))\">" + inline(label) + "</a>" : escape("[\(label)](\(target))")
                rest = rest[rest.index(after: end)...]
            } else {
                out += escape(String(rest.prefix(1)))
                rest = rest.dropFirst()
            }
        }
        return out + escape(String(rest))
    }
}
