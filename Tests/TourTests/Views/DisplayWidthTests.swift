import TestSupport
import Testing
import Tour

/// Display width, the measure every renderer wraps and pads by: held to a few facts and to
/// glibc's wcwidth(3), a table nobody here wrote.
@Suite struct DisplayWidthTests {
    @Test func wideCharactersTakeTwoColumnsAndMarksNone() {
        #expect("read-write".visibleWidth == 10)
        #expect("中文".visibleWidth == 4)
        #expect("カナ".visibleWidth == 4)
        #expect("한글".visibleWidth == 4)
        #expect("ＡＢ".visibleWidth == 4)  // fullwidth forms
        #expect("e\u{301}".visibleWidth == 1)  // e and a combining acute accent
        #expect("a\u{200B}b".visibleWidth == 2)  // a zero-width space
        #expect("✓ → ─".visibleWidth == 5)  // the tour's marks and rules stay one column
        #expect("\u{1B}[1;36mzctour>\u{1B}[0m".visibleWidth == 7)  // colour takes none
    }

    /// Every assigned character that glibc calls printable gets the width glibc gives it,
    /// but for the ranges listed, where Unicode's data and glibc's table disagree.
    @Test func widthsAgreeWithTheCLibrary() throws {
        guard SystemWidth.available else {
            print("skipped: no C.UTF-8 locale, so glibc's wcwidth cannot be asked")
            return
        }
        // East_Asian_Width A (ambiguous) or N in UAX #11, which glibc makes wide: circled
        // numbers on black squares and the Yijing hexagrams; and U+1171E, an Ahom sign that
        // Swift's newer Unicode made a spacing mark and glibc's a combining one.
        let known: [ClosedRange<UInt32>] = [0x3248...0x324F, 0x4DC0...0x4DFF, 0x1171E...0x1171E]
        var differences: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned else { continue }
            guard let expected = SystemWidth.columns(scalar), !known.contains(where: { $0.contains(value) }) else { continue }
            let measured = String(scalar).visibleWidth
            if measured != expected { differences.append("U+\(String(value, radix: 16, uppercase: true)): \(measured) not \(expected)") }
        }
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(40))")
    }
}
