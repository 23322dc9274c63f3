import Foundation
import TestSupport
import Testing
import Tour
import ZeroCopy

/// What a learner reads first and most, as golden files at the widths the tour is played at
/// (60, 80 and 100 columns): the welcome with lesson 1's heading, `list`, a challenge, an
/// error and a Chinese paragraph. And for every golden file in Tests/Fixtures: no line wider
/// than its width, no word torn across two lines.
@Suite struct LayoutTests {
    /// A rendering kept as a golden file, at one width.
    struct Golden: CustomStringConvertible, Sendable {
        let name: String
        let width: Int
        let render: @Sendable (Style) throws -> String

        var file: String { name.hasSuffix(".txt") ? name : "\(name)-\(width).txt" }
        var description: String { file }

        func text(width: Int? = nil) throws -> String {
            var style = Style(color: false, width: width ?? self.width)
            if width != nil { style.measure = .max }  // the reference: nothing wraps at all
            return try render(style)
        }
    }

    static let widths = [60, 80, 100]

    static let layout: [Golden] = widths.flatMap { width in
        [
            Golden(name: "welcome", width: width) { style in
                let lessons = try fixtureLessons()
                return LessonList.welcome(lessons: lessons, style: style) + "\n\n"
                    + LessonList.heading(lessons[0], of: lessons.count, style: style)
            },
            Golden(name: "list", width: width) { style in
                LessonList.render(lessons: try fixtureLessons(), demos: demos, style: style, guided: false)
            },
            Golden(name: "challenge", width: width) { style in
                let challenge = try #require(try lesson(number: 1, body: challengeBlock).challenges.first)
                return ChallengeView.goal(challenge, done: false, atPrompt: false, style: style) + "\n\n"
                    + ChallengeView.begun(challenge, style: style)
            },
            Golden(name: "error", width: width) { style in
                StandardError.render("zctour: \(try usageError(["run", "read-write", "--buffer", "4K,64K"]))", width: style.width)
            },
            Golden(name: "chinese", width: width) { style in
                LessonList.heading(try lesson(number: 1, title: "内核与用户空间之间的拷贝", body: ""), of: 14, style: style) + "\n\n"
                    + MarkdownText.prose(chinese.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), style: style)
            },
        ]
    }

    /// The golden files other suites check, rendered as they render them.
    static let others: [Golden] = [
        Golden(name: "sendfile-run.txt", width: 100) { style in
            RunView.render(try RenderingTests.fixtureRecord("sendfile-run.json"), style: style)
        },
        Golden(name: "compare", width: 120) { style in CompareView.render(try RenderingTests.comparison(), style: style) },
        Golden(name: "compare", width: 60) { style in CompareView.render(try RenderingTests.comparison(), style: style) },
    ]

    @Test(arguments: layout)
    func rendersAsReviewed(_ golden: Golden) throws {
        try GoldenFile.check(try golden.text(), against: golden.file)
    }

    /// The terminal a first start is most often seen on: 80 columns, 24 rows. The welcome, the
    /// lessons and lesson 1's heading are all on the first screen, with the lessons as they are
    /// shipped now (however many there are) and with the fixtures' 14.
    @Test func theWelcomeAndLesson1sHeadingFitAn80By24Screen() throws {
        let style = Style(color: false, width: 80)
        for lessons in [try LessonLibrary.load(directory: Fixtures.lessons.path).lessons, try Self.fixtureLessons()] {
            let screen =
                LessonList.welcome(lessons: lessons, style: style) + "\n\n"
                + LessonList.heading(lessons[0], of: lessons.count, style: style)
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(rows.count <= 24, "\(rows.count) rows for \(lessons.count) lessons:\n\(screen)")
            #expect(rows.allSatisfy { $0.visibleWidth <= 80 })
            #expect(rows.dropLast().last?.hasPrefix("Lesson \(lessons[0].number) of \(lessons.count)") == true)
        }
    }

    /// `list` keeps every demo's summary, whatever the width: wrapped, never dropped.
    @Test(arguments: [50, 60, 80])
    func listKeepsTheSummaries(width: Int) throws {
        let text = LessonList.render(
            lessons: try Self.fixtureLessons(), demos: Demo.all, style: Style(color: false, width: width), guided: false)
        let words = Set(Self.words(text))
        let missing = Demo.all.filter { demo in !Self.words(demo.summary).allSatisfy(words.contains) }.map(\.id)
        #expect(missing.isEmpty, "at \(width) columns, the summaries of \(missing) are not all there")
        #expect(text.split(separator: "\n").allSatisfy { $0.visibleWidth <= width })
    }

    /// Every golden file is one of the renderings above, so the check below covers them all.
    @Test func everyGoldenFileIsChecked() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path).filter { $0.hasSuffix(".txt") }
        let checked = Set((Self.layout + Self.others).map(\.file))
        #expect(Set(names).subtracting(checked).isEmpty, "golden files the layout check does not know: \(Set(names).subtracting(checked))")
    }

    /// No line of a golden file is wider than its width (a terminal would tear it), unless it is
    /// one word that no break can shorten; and no word is torn by a renderer either. The same
    /// rendering made so wide that nothing wraps is the dictionary: where a line ends in the
    /// first part of one of its words and the next begins with the rest, the word was torn.
    /// For the layouts, whose wording does not change with the width, every word of the file
    /// must be one of its words as well.
    @Test(arguments: layout + others)
    func noWordIsBrokenAcrossLines(_ golden: Golden) throws {
        let stored = try String(contentsOf: Fixtures.file(golden.file), encoding: .utf8)
        let lines = stored.split(separator: "\n").map(String.init)
        for line in lines where line.visibleWidth > golden.width {
            #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "wider than \(golden.width): \(line)")
        }
        let reference = Set(Self.words(try golden.text(width: 10_000)))
        for (line, next) in zip(lines, lines.dropFirst()) {
            guard let end = Self.words(line).last, let start = Self.words(next).first(where: { !Self.marks.contains($0) }) else { continue }
            #expect(
                !reference.contains(end + start) || reference.contains(end) && reference.contains(start),
                "'\(end)' | '\(start)' in \(golden.file): '\(end + start)' torn across lines")
        }
        guard Self.layout.contains(where: { $0.file == golden.file }) else { return }
        for word in Self.words(stored) where !reference.contains(word) {
            let cut = word.hasSuffix("…") && reference.contains { $0.hasPrefix(word.dropLast()) }
            #expect(cut, "'\(word)' in \(golden.file) is not a word of the unwrapped text: torn across lines?")
        }
    }

    /// What marks a continued line (code, a folded command) rather than being part of a word.
    static let marks: Set<String> = ["↪", "\\", ">"]

    /// The words of a text: runs without white space, with each CJK character a word of its
    /// own (CJK text breaks between any two), bars and rules left out (they scale with the width).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        for token in text.split(whereSeparator: \.isWhitespace) {
            var run = ""
            for character in token {
                if character.unicodeScalars.contains(where: { $0.value >= 0x2E80 && String($0).visibleWidth == 2 }) {
                    if !run.isEmpty { words.append(run) }
                    words.append(String(character))
                    run = ""
                } else {
                    run.append(character)
                }
            }
            if !run.isEmpty { words.append(run) }
        }
        let drawing = Set("#|─━│█▏▎▍▌▋▊▉")
        return words.filter { !$0.allSatisfy { drawing.contains($0) } }
    }

    // MARK: - Fixtures

    /// Fourteen lessons, as many as the tour will have, with its ids and titles.
    static func fixtureLessons() throws -> [Lesson] {
        let titles = [
            ("kernel-user-copies", "Kernel and user copies"), ("buffer-reuse", "Reusing the buffer"),
            ("slices-and-views", "Slices and views"), ("mmap", "Memory-mapped files"), ("sendfile", "Sending a file with sendfile"),
            ("splice", "splice, tee and the pipe as a kernel buffer"),
            ("copy-file-range", "copy_file_range, copies that stay in the kernel"),
            ("msg-zerocopy", "MSG_ZEROCOPY, and when the kernel copies anyway"),
            ("page-cache", "The page cache, cold and warm, and O_DIRECT"),
            ("serving-a-download", "Serving a download over HTTP"), ("your-stack", "Your file, your stack"),
            ("receiving-and-big-files", "Receiving, and files bigger than memory"),
            ("io-uring", "io_uring: fewer syscalls, and zero-copy sends"),
            ("choosing", "Choosing a technique, with this machine's numbers"),
        ]
        return try titles.enumerated().map { index, entry in try lesson(number: index + 1, id: entry.0, title: entry.1, body: "Prose.") }
    }

    static func lesson(number: Int, id: String = "kernel-user-copies", title: String = "Kernel and user copies", body: String) throws
        -> Lesson
    {
        let text = "---\nid: \(id)\nnumber: \(number)\ntitle: \(title)\ndemos: read-write\n---\n\n# \(title)\n\n\(body)\n"
        return try Lesson.parse(text, path: "lessons/\(number)-\(id).md")
    }

    /// The demos of the list's golden file, named, so that a demo added to the tour does not
    /// change it.
    static let demos: [Demo] = [
        .readWrite, .readWriteAlloc, .copy, .slice, .cow, .pread, .mmap, .mmapCopy, .sendfile, .splice, .tee, .copyFileRange,
        .msgZerocopy,
    ]

    static let challengeBlock = """
        ```challenge few-reads
        goal: Copy at least 16 MiB with `read-write` in fewer than 100 read-type syscalls, changing only the buffer: the kernel's counters decide.
        check: read-write.bytes >= 16M
        check: read-write.syscr < 100
        solution: run read-write --size 16M --buffer 1M
        ```
        """

    static let chinese = """
        每一种零拷贝技术都以同一个基准来衡量：一个循环把文件的一块读进缓冲区，再把这一块写到别处。本课把这个循环拆开来看。每一块要花多少代价？循环运行时，内核又统计了什么？

        在 Go 里，它通常用 `io.CopyBuffer` 写成，这样整个拷贝只复用一个缓冲区（见 `io` 包的文档）。zctour 的 `read-write` 演示就是这个朴素的循环：每一块都要两次系统调用、两次 CPU 拷贝，
        而内核的计数器 `syscr` 和 `syscw` 会把它们一一记下。

        - `rchar`：读类系统调用返回的字节数，不论来自页缓存还是磁盘。
        - `read_bytes`：真正从存储设备读取的字节数。
        """

    /// What zctour says about bad input, from the command's own check (nothing runs).
    static func usageError(_ arguments: [String]) throws -> String {
        let command = try #require(try ZCTour.parseAsRoot(arguments) as? TourCommand)
        let runner = DemoRunner()
        defer { runner.close() }
        do {
            try command.execute(in: TourContext(runner: runner, style: Style(color: false, width: 80), format: .text))
        } catch let error as UsageError {
            return error.description
        }
        Issue.record("\(arguments) ran instead of failing")
        return ""
    }

    /// A path wider than its share of the width: a droppable column goes so the path stays whole
    /// in its column (the path ran into the next column, and past the edge at 60, in review).
    @Test func aWrappingColumnKeepsItsLongestWordWhole() {
        var table = Table(columns: [
            Table.Column("bytes"), Table.Column("calls", dropOrder: 1), Table.Column("how", right: false, wraps: true),
            Table.Column("what", right: false, wraps: true),
        ])
        table.add(["0 B", "1", "ioctl(FICLONE) failed: nothing moved", "/tmp/review6/big.bin → /tmp/review6/tmp/copy.bin"])
        table.add(["4 MiB", "1", "copy_file_range, in the kernel", "/tmp/review6/big.bin → /tmp/review6/tmp/copy.bin"])
        for width in [55, 60] {
            let lines = table.render(style: Style(color: false, width: width)).split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { $0.visibleWidth <= width }, "\(lines.joined(separator: "\n"))")
            #expect(lines.filter { $0.contains("/tmp/review6/tmp/copy.bin") }.count == 2, "\(lines.joined(separator: "\n"))")
            #expect(lines.first?.contains("calls") == (width == 60), "\(lines.joined(separator: "\n"))")
        }
    }

    /// A lesson's pipe table: aligned where it fits, every cell kept; where four columns cannot
    /// fit (60 columns), each row is an item naming its cells by their titles. It was printed
    /// raw, pipes and dashes, and cut at the edge with the counters' columns lost.
    @Test func aPipeTableIsAlignedOrListedNeverCut() {
        let table = [
            "| thread | calls | syscr / syscw | rchar / wchar |", "|---|---|---|---|",
            "| sender (`sendfile`) | one call for the whole file | 1 / 1 | the file / the file |",
            "| receiver, `recv-splice` | two `splice` per chunk | **unseen** | **unseen** |",
        ]
        let wide = MarkdownText.prose(table, style: Style(color: false, width: 100)).split(separator: "\n").map(String.init)
        #expect(
            wide == [
                "  thread                   calls                        syscr / syscw  rchar / wchar",
                "  sender (`sendfile`)      one call for the whole file  1 / 1          the file / the file",
                "  receiver, `recv-splice`  two `splice` per chunk       unseen         unseen",
            ])
        // At 80 the columns share what is left narrowest first, and a column a few short of
        // whole is completed from the widest, which wraps anyway: "the file / the file" and
        // "receiver, `recv-splice`" stay whole (an even share broke both, with room to spare).
        let middle = MarkdownText.prose(table, style: Style(color: false, width: 80)).split(separator: "\n").map(String.init)
        #expect(
            middle == [
                "  thread                   calls              syscr / syscw  rchar / wchar",
                "  sender (`sendfile`)      one call for the   1 / 1          the file / the file",
                "                           whole file",
                "  receiver, `recv-splice`  two `splice` per   unseen         unseen",
                "                           chunk",
            ], "\(middle.joined(separator: "\n"))")
        let narrow = MarkdownText.prose(table, style: Style(color: false, width: 60))
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 }, "\(narrow)")
        #expect(
            flat(narrow).contains(
                "• sender (`sendfile`) — calls: one call for the whole file; syscr / syscw: 1 / 1; rchar / wchar: the file / the file"),
            "\(narrow)")
        #expect(!narrow.contains("|"))
    }
}
