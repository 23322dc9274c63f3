import Testing
import Tour

/// The one wrapper: lines within the width, words whole, CJK broken between characters but
/// never before a closing mark, diagrams cut rather than torn.
@Suite struct TextWrapperTests {
    static let prose =
        "Every zero-copy technique is measured against one baseline: a loop that reads a chunk of a file "
        + "into a buffer and writes that chunk somewhere else, with read-write and io.CopyBuffer(dst, src, buf)."

    @Test(arguments: [20, 33, 40, 60, 80])
    func latinTextBreaksAtSpacesOnly(width: Int) {
        let lines = TextWrapper.wrap(Self.prose, width: width)
        #expect(lines.allSatisfy { $0.visibleWidth <= width }, "\(lines)")
        // Put back together with one space per break, the lines are the text: no word was cut.
        #expect(lines.joined(separator: " ") == Self.prose)
        // And each break was needed: the next line's first word did not fit after the line.
        for (line, next) in zip(lines, lines.dropFirst()) {
            let word = next.split(separator: " ").first.map(String.init) ?? ""
            #expect(line.visibleWidth + 1 + word.visibleWidth > width, "\(line) | \(next)")
        }
    }

    @Test func aWordWiderThanTheLineStandsAloneUncut() {
        let lines = TextWrapper.wrap("see /proc/thread-self/io/and/a/very/long/path here", width: 12)
        #expect(lines == ["see", "/proc/thread-self/io/and/a/very/long/path", "here"])
    }

    /// A number and its unit stay on one line (it broke "16 / MiB" and "164 / KiB"), in Latin
    /// and CJK text, coloured or not; a number before a word that is no unit still breaks.
    @Test func aNumberKeepsItsUnit() {
        #expect(TextWrapper.wrap("read all 16 MiB now", width: 11) == ["read all", "16 MiB now"])
        #expect(TextWrapper.wrap("in (64 KiB) steps", width: 7) == ["in", "(64 KiB)", "steps"])
        #expect(TextWrapper.wrap("took \u{1B}[1m2.5\u{1B}[0m ms,", width: 8) == ["took", "\u{1B}[1m2.5\u{1B}[0m ms,"])
        #expect(TextWrapper.wrap("读完 16 MiB，每次", width: 8) == ["读完", "16 MiB，", "每次"])
        #expect(TextWrapper.wrap("make 16 Mice", width: 7) == ["make 16", "Mice"])
        #expect(TextWrapper.wrap("v16 MiB", width: 4) == ["v16", "MiB"])
    }

    @Test func indentsAndHardBreaks() {
        let lines = TextWrapper.wrap("one two three four\nfive six", width: 12, first: "• ", rest: "  ")
        #expect(lines == ["• one two", "  three four", "  five six"])
    }

    @Test func colourCodesTakeNoRoomAndStayWithTheirWord() {
        let text = "run \u{1B}[36mread-write\u{1B}[0m and \u{1B}[36msendfile\u{1B}[0m side by side"
        let lines = TextWrapper.wrap(text, width: 14)
        #expect(lines.map(\.visibleWidth).allSatisfy { $0 <= 14 }, "\(lines)")
        #expect(lines == ["run \u{1B}[36mread-write\u{1B}[0m", "and \u{1B}[36msendfile\u{1B}[0m", "side by side"])
    }

    static let chinese = "每一种零拷贝技术都以同一个基准来衡量：一个循环把文件的一块读进缓冲区，再把这一块写到别处。在 Go 里，它通常用 io.CopyBuffer 写成（见 io 包的文档）。"

    @Test(arguments: [10, 17, 24, 30, 41])
    func chineseBreaksBetweenCharactersButNotBeforeClosingMarks(width: Int) {
        let lines = TextWrapper.wrap(Self.chinese, width: width)
        // Within the width, but for a Latin word wider than the line, which stands alone uncut.
        #expect(lines.allSatisfy { $0.visibleWidth <= width || $0 == "io.CopyBuffer" }, "\(lines)")
        // Nothing lost: without the breaks (and the spaces the Latin words had) it is the text.
        #expect(lines.joined().filter { $0 != " " } == Self.chinese.filter { $0 != " " })
        // Latin words stay whole.
        #expect(lines.contains { $0.contains("io.CopyBuffer") })
        for line in lines.dropFirst() {
            let first = line.first.map(String.init) ?? ""
            #expect(!"，。：）、".contains(first), "a line starts with \(first): \(lines)")
        }
        for line in lines.dropLast() { #expect(line.last != "（", "a line ends with an opening mark: \(lines)") }
        // A line breaks only where what follows did not fit: a line followed by CJK is full, but
        // for the two columns of one character and two of a mark that must stay with it.
        for (line, next) in zip(lines, lines.dropFirst()) where next.unicodeScalars.first.map({ $0.value >= 0x3000 }) == true {
            #expect(line.visibleWidth >= width - 3, "\(line) in \(lines)")
        }
    }

    @Test func fitLeavesALineThatFitsAndWrapsOneThatDoesNotUnderItsIndent() {
        #expect(TextWrapper.fit("  short line", width: 40) == ["  short line"])
        let long = "  zctour: --buffer takes one size with run; compare takes a list"
        #expect(
            TextWrapper.fit(long, width: 30) == ["  zctour: --buffer takes one", "    size with run; compare", "    takes a list"])
    }

    @Test func aDiagramLineIsCutWithAMarkNotWrapped() {
        let line = " disk ──DMA──► page cache ──copy 1 (read)──► your buffer"
        #expect(TextWrapper.cut(line, width: 80, mark: "…") == line)
        let cut = TextWrapper.cut(line, width: 30, mark: "…")
        #expect(cut.visibleWidth <= 30 && cut.hasSuffix("…"))
        #expect(line.hasPrefix(String(cut.dropLast())))
        // Wide characters are never split in half at the edge.
        #expect(TextWrapper.cut("缓冲区缓冲区", width: 6, mark: "…") == "缓冲…")
    }

    @Test func diagramsInALessonShiftThenCutButCodeWraps() {
        let diagram = [" disk ──DMA──► page cache ──copy 1 (read)──► your buffer ──copy 2 (write)──► page cache"]
        let wide = MarkdownText.code(diagram, language: "text", style: Style(color: false, width: 100))
        #expect(wide == "    " + diagram[0])
        // 87 columns wide: at 89 it has room for an indent of 2, not 4.
        let shifted = MarkdownText.code(diagram, language: "text", style: Style(color: false, width: 89))
        #expect(shifted == "  " + diagram[0], "moves left rather than wrap")
        let narrow = MarkdownText.code(diagram, language: "text", style: Style(color: false, width: 60))
        #expect(!narrow.contains("\n") && narrow.hasSuffix("…") && narrow.visibleWidth <= 60, "\(narrow)")
    }

    @Test func aTableWrapsItsSummaryColumnInsteadOfDroppingIt() {
        var table = Table(columns: [Table.Column("demo", right: false), Table.Column("what it does", right: false, wraps: true)])
        table.add(["read-write", "read(2)/write(2) through one reused buffer (Go's io.CopyBuffer)"])
        table.add(["mmap", "the file mapped with mmap(2), used straight from the mapping"])
        let text = table.render(style: Style(color: false, width: 40))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.visibleWidth <= 40 }, "\(lines)")
        #expect(lines[0] == "  demo        what it does")
        #expect(lines[1] == "  read-write  read(2)/write(2) through")
        #expect(lines[2] == "              one reused buffer (Go's")
        #expect(text.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ").contains("io.CopyBuffer)"))
    }
}
