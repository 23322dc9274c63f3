/// How many columns text takes on a terminal, the measure every renderer wraps, pads and cuts
/// by: an East Asian wide or fullwidth character takes two (UAX #11, `EastAsianWidth`), a
/// combining mark, a format character (zero-width space, joiner) or a control character none,
/// an escape sequence (colour) none, everything else one. It is what wcwidth(3) answers in a
/// UTF-8 locale, computed without one, so the output never depends on the learner's LANG.
extension Unicode.Scalar {
    /// The columns this scalar takes on its own.
    var columns: Int {
        let value = self.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .control: return 0
        case .format: return Unicode.Scalar.visibleFormats.contains { $0.contains(value) } ? 1 : 0
        default: break
        }
        // Hangul vowels and finals that join the syllable before them.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        return isWide ? 2 : 1
    }

    /// Format characters that print all the same: the soft hyphen, and the prepended
    /// concatenation marks (U+0600 ARABIC NUMBER SIGN and its kin), which wcwidth counts too.
    static let visibleFormats: [ClosedRange<UInt32>] = [
        0xAD...0xAD, 0x600...0x605, 0x6DD...0x6DD, 0x70F...0x70F, 0x890...0x891, 0x8E2...0x8E2, 0x110BD...0x110BD,
        0x110CD...0x110CD,
    ]

    /// East_Asian_Width W or F.
    var isWide: Bool {
        let value = self.value
        guard value >= 0x1100 else { return false }
        let table = EastAsianWidth.wide
        var low = 0
        var high = table.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < table[middle].lowerBound {
                high = middle - 1
            } else if value > table[middle].upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}

extension StringProtocol {
    /// The columns on screen: escape sequences (CSI, as colour codes are, and libedit's \1
    /// markers) take none; see `Unicode.Scalar.columns` for the rest.
    public var visibleWidth: Int {
        var width = 0
        var escape = EscapeScanner()
        for scalar in unicodeScalars where !escape.consumes(scalar) { width += scalar.columns }
        return width
    }
}

extension String {
    /// The longest start of the text that fits `columns`, escape sequences kept whole.
    func prefix(columns: Int) -> String {
        var out = ""
        var width = 0
        var escape = EscapeScanner()
        for scalar in unicodeScalars {
            if escape.consumes(scalar) {
                out.unicodeScalars.append(scalar)
                continue
            }
            let next = width + scalar.columns
            if next > columns { break }
            width = next
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

/// Follows escape sequences through a run of scalars: ESC, then either a CSI sequence
/// (`ESC [` … a final byte from @ to ~) or one more character.
struct EscapeScanner {
    private enum State { case text, escape, csi }
    private var state = State.text

    /// Whether `scalar` belongs to an escape sequence (and so takes no room).
    mutating func consumes(_ scalar: Unicode.Scalar) -> Bool {
        switch state {
        case .text:
            if scalar == "\u{1B}" {
                state = .escape
                return true
            }
            return false
        case .escape:
            state = scalar == "[" ? .csi : .text
            return true
        case .csi:
            if (0x40...0x7E).contains(scalar.value) { state = .text }
            return true
        }
    }

    var inside: Bool { state != .text }
}
