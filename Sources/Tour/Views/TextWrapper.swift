/// The one wrapper for every line of text the tour prints, by display width (`visibleWidth`:
/// CJK two columns, combining marks none, colour codes none). Latin text breaks at spaces,
/// CJK text between characters, and never inside a word: a hyphenated command such as
/// `read-write` stays whole, and a word wider than the line stands alone on its line rather
/// than being cut. In CJK text no line starts with a closing mark (。、）」 and the small kana)
/// nor ends with an opening one (（「), the basic rule of Japanese and Chinese line breaking
/// (kinsoku shori; JIS X 4051, W3C's "Requirements for Japanese Text Layout" and "Chinese
/// Layout"). Diagrams are never wrapped: `cut` shortens their lines with a mark instead.
public enum TextWrapper {
    /// `text` as lines of at most `width` columns: `first` starts the first line, `rest` every
    /// other (a hanging indent). A newline in `text` ends the line there. Spaces inside a line
    /// are kept as they are; a space where the line breaks is dropped.
    public static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        for (index, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            lines += wrapLine(String(paragraph), width: width, first: index == 0 ? first : rest, rest: rest)
        }
        return lines
    }

    /// A line made without the wrapper, printed as it is when it fits, else wrapped under its
    /// own indent (its continuation two columns further in), so no line runs past the edge.
    public static func fit(_ line: String, width: Int) -> [String] {
        guard line.visibleWidth > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        return wrapLine(String(line.dropFirst(indent.count)), width: width, first: indent, rest: indent + "  ")
    }

    /// Every line of `text` fitted (see `fit`).
    public static func fitLines(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { fit(String($0), width: width) }.joined(separator: "\n")
    }

    /// A line of a diagram or table, kept as drawn: when it is wider than `width`, the columns
    /// past the edge go and `mark` says so.
    public static func cut(_ line: String, width: Int, mark: String) -> String {
        guard line.visibleWidth > width else { return line }
        let kept = line.prefix(columns: max(0, width - mark.visibleWidth))
        return kept.trimmingTrailingSpaces() + mark
    }

    private static func wrapLine(_ text: String, width: Int, first: String, rest: String) -> [String] {
        let pieces = Piece.split(text)
        guard !pieces.isEmpty else { return [first.trimmingTrailingSpaces()] }
        var lines: [String] = []
        var line = first
        var lineWidth = first.visibleWidth
        var lineHasText = false
        for piece in pieces {
            let gap = lineHasText ? piece.space : ""
            if lineHasText && lineWidth + gap.visibleWidth + piece.width > width {
                lines.append(line)
                line = rest + piece.text
                lineWidth = rest.visibleWidth + piece.width
            } else {
                line += gap + piece.text
                lineWidth += gap.visibleWidth + piece.width
            }
            lineHasText = true
        }
        lines.append(line)
        return lines
    }

    /// What may not be broken: a word of Latin text, or one CJK character with the marks that
    /// must stay beside it. `space` is the white space before it, dropped at a line break.
    struct Piece {
        var text = ""
        var width = 0
        var space = ""

        static func split(_ text: String) -> [Piece] {
            var pieces: [Piece] = []
            var current = Piece()
            var space = ""
            var previous: Unicode.Scalar?
            var escape = EscapeScanner()
            func close() {
                if !current.text.isEmpty { pieces.append(current) }
                current = Piece()
            }
            for scalar in text.unicodeScalars {
                if escape.consumes(scalar) {
                    current.text.unicodeScalars.append(scalar)
                    continue
                }
                if scalar == " " || scalar == "\t" {
                    close()
                    space.unicodeScalars.append(" ")
                    previous = nil
                    continue
                }
                let columns = scalar.columns
                if columns > 0, let before = previous, breaks(between: before, and: scalar) { close() }
                if current.text.isEmpty || current.width == 0 && !space.isEmpty {
                    current.space = space
                    space = ""
                }
                current.text.unicodeScalars.append(scalar)
                current.width += columns
                if columns > 0 { previous = scalar }
            }
            close()
            return keepingUnitsWithNumbers(pieces)
        }

        /// A number and its unit on one line (`16 MiB`, `2.5 ms`), as typesetting keeps them: the
        /// space between them is no place to break.
        static func keepingUnitsWithNumbers(_ pieces: [Piece]) -> [Piece] {
            var kept: [Piece] = []
            for piece in pieces {
                if piece.space == " ", let last = kept.last, last.endsInNumber, piece.startsWithUnit {
                    kept[kept.count - 1].text += " " + piece.text
                    kept[kept.count - 1].width += 1 + piece.width
                } else {
                    kept.append(piece)
                }
            }
            return kept
        }

        static let units: Set<String> = ["B", "KiB", "MiB", "GiB", "TiB", "kB", "KB", "MB", "GB", "ns", "µs", "ms", "s"]

        /// The piece's visible characters, without colour codes.
        var visible: String {
            var escape = EscapeScanner()
            var out = ""
            for scalar in text.unicodeScalars where !escape.consumes(scalar) { out.unicodeScalars.append(scalar) }
            return out
        }

        /// Whether the piece is a number, or ends in one after an opening mark (`(16`, `16,777`).
        var endsInNumber: Bool {
            let word = visible.drop { !$0.isASCII || !$0.isNumber && !$0.isLetter }
            guard let last = word.last, last.isASCII, last.isNumber else { return false }
            return word.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
        }

        /// Whether the piece is a unit, alone or followed by punctuation (`MiB`, `KiB,`, `ms)`).
        var startsWithUnit: Bool {
            let word = visible.prefix { $0.isLetter }
            guard Piece.units.contains(String(word)) else { return false }
            return visible.dropFirst(word.count).first.map { !$0.isNumber && $0 != "-" && $0 != "_" } ?? true
        }

        /// Whether a line may break between two visible characters with no space between
        /// them: only next to a wide (CJK) character, and never before a closing mark or after
        /// an opening one.
        static func breaks(between before: Unicode.Scalar, and after: Unicode.Scalar) -> Bool {
            guard before.isWide || after.isWide else { return false }
            return !staysAfter(after) && !staysBefore(before)
        }

        /// Closing marks, and the small kana and prolonged sound mark: never first on a line.
        static func staysAfter(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .closePunctuation, .finalPunctuation: return true
            default: return closing.contains(scalar)
            }
        }

        /// Opening marks: never last on a line.
        static func staysBefore(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .openPunctuation, .initialPunctuation: return true
            default: return false
            }
        }

        static let closing: Set<Unicode.Scalar> = Set(
            "、。，．：；！？・ー々〆ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ…‥〜～,.:;!?%".unicodeScalars)
    }
}
