/// Text from outside zctour (a lesson file, a path) made safe to show: a terminal obeys escape
/// sequences, so an OSC 0 in a lesson's title would retitle the window, an OSC 52 would write
/// the learner's clipboard, `ESC[2J` would clear the screen; and XML forbids most control
/// characters even escaped, so one would make a handout not well-formed. Whole escape
/// sequences go (CSI, OSC, DCS and the other string sequences, two-character escapes, and the
/// C1 forms of the same), then every other control character but the tab, and the two
/// noncharacters XML forbids (U+FFFE, U+FFFF).
public enum TerminalText {
    public static func stripped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:  // ESC: what follows says how long the sequence is
                guard let next = scalars.next() else { break }
                switch next {
                case "[": skipControlSequence(&scalars)
                case "]", "P", "X", "^", "_": skipString(&scalars)
                default: break  // a two-character escape (ESC c, ESC 7...)
                }
            case 0x9B: skipControlSequence(&scalars)  // CSI as one C1 character
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: skipString(&scalars)  // DCS, SOS, OSC, PM, APC
            default:
                if !isUnsafe(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// Whether `scalar` is removed: C0 controls but the tab, DEL, C1 controls, U+FFFE, U+FFFF.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09) || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF
    }

    /// Parameters and intermediates up to the final byte (0x40–0x7E), which ends the sequence.
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if !(0x20...0x3F).contains(scalar.value) { return }  // the final byte, or not a sequence after all
        }
    }

    /// A string sequence runs to BEL, ST (ESC \) or the C1 ST.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if scalar.value == 0x07 || scalar.value == 0x9C { return }
            if scalar.value == 0x1B {
                _ = scalars.next()
                return
            }
        }
    }
}
