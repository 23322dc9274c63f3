import Testing
import Tour

/// Text from a lesson file on its way to a terminal (issue 13, item 14): whole escape
/// sequences go, so no part of one is left to be read as text or as another sequence.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("title \u{1B}]0;pwned\u{7}end", "title end"),  // OSC 0, the window's title, ended by BEL
        ("a\u{1B}]52;c;ZWNobw==\u{1B}\\b", "ab"),  // OSC 52, the clipboard, ended by ST
        ("\u{1B}[2J\u{1B}[1;31mred\u{1B}[0m", "red"),  // CSI: clear, colours
        ("\u{9B}31mC1\u{9D}0;t\u{9C}!", "C1!"),  // the same as single C1 characters
        ("x\u{1B}Py\u{1B}\\z", "xz"),  // DCS
        ("nul\u{0}bs\u{8}del\u{7F}cr\r", "nulbsdelcr"),
        ("tab\tkept, é and → too", "tab\tkept, é and → too"),
        ("\u{1B}", ""),
        ("noncharacters \u{FFFE}\u{FFFF}", "noncharacters "),
    ])
    func escapesAndControlsAreStripped(text: String, shown: String) {
        #expect(TerminalText.stripped(text) == shown)
    }

    /// What a command line may hold: the tab, not the other controls; UTF-8, and not too long.
    @Test func aCommandLineIsPlainBoundedUTF8() throws {
        #expect(try CommandLineText.text(Array("run read-write\t--size 1M".utf8)) == "run read-write\t--size 1M")
        #expect(throws: UsageError("holds a control character (NUL) at character 5; a command line is plain text")) {
            try CommandLineText.text(Array("show\u{0}run".utf8))
        }
        #expect(throws: UsageError("is not UTF-8 text (byte 3 is 0xC3), which zctour needs")) {
            try CommandLineText.text([0x61, 0x62, 0xC3, 0x28])
        }
        #expect(throws: UsageError("is 4,097 bytes long; a command line is at most 4,096")) {
            try CommandLineText.text(Array(repeating: 0x61, count: 4097))
        }
    }

    /// Under LANG=C: look-alikes of the same width where there is one, `?` for the rest.
    @Test func asciiFoldingKeepsWidthsWhereItCan() {
        #expect(ASCIIText.folded("1.00× · 329 µs │ ─") == "1.00x - 329 us | -")
        #expect(ASCIIText.folded("日本") == "??")
        #expect(ASCIIText.folded("plain") == "plain")
    }
}
