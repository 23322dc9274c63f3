/// What a terminal whose locale is not UTF-8 (`LANG=C`) can show. `Style.unicode` already picks
/// ASCII marks where the views ask for one; this catches the rest on the way out (a `×` in a
/// ratio, the `µ` of µs, box drawing, a lesson's own `é`), so no byte of UTF-8 reaches a
/// terminal that would show it as two or three characters of garbage. Symbols get a look-alike
/// of the same width where one exists; anything else becomes `?`.
public enum ASCIIText {
    public static func folded(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else if let replacement = replacements[scalar] {
                out += replacement
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // a combining accent: its letter is already there
            } else {
                out += "?"
            }
        }
        return out
    }

    static let replacements: [Unicode.Scalar: String] = [
        "×": "x", "µ": "u", "–": "-", "—": "-", "·": "-", "•": "*", "…": "...", "∞": "inf",
        "→": "->", "←": "<-", "↪": ">", "▸": ">", "◀": "<", "✓": "ok", "✗": "FAILED",
        "│": "|", "─": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"", "\u{A0}": " ",
        "▏": "#", "▎": "#", "▍": "#", "▌": "#", "▋": "#", "▊": "#", "▉": "#", "█": "#",
        "é": "e", "è": "e", "à": "a", "ü": "u", "ö": "o", "ä": "a",
    ]
}
