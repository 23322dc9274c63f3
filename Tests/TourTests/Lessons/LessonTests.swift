import Foundation
import TestSupport
import Testing
import Tour

@Suite struct LessonTests {
    static let text = """
        ---
        id: demo-lesson
        number: 7
        title: A lesson
        demos: read-write, mmap
        ---

        # A lesson

        Intro text.

        ## First
        Some `code` and **bold**.

        ```go
        io.Copy(dst, src)
        ```

        ```zctour
        run read-write --size 1M --buffer 4K
        expect read-write.syscr == 257
        ```

        ## Second
        - a point
        """

    @Test func aLessonParsesIntoSectionsAndCommands() throws {
        let lesson = try Lesson.parse(Self.text, path: "07-demo.md")
        #expect(lesson.id == "demo-lesson")
        #expect(lesson.number == 7)
        #expect(lesson.demos == ["read-write", "mmap"])
        #expect(lesson.sections.map(\.title) == ["First", "Second"])
        #expect(lesson.introduction == [.prose(["", "Intro text.", ""])])
        #expect(lesson.commandLines.map(\.text) == ["run read-write --size 1M --buffer 4K", "expect read-write.syscr == 257"])
        #expect(lesson.commandLines.map(\.line) == [20, 21])
        #expect(lesson.sections[0].blocks.contains(.code(language: "go", lines: ["io.Copy(dst, src)"])))
    }

    /// The Sources list is the lesson's footnote, not a page: its items, with their lines.
    @Test func theSourcesListIsNotAPage() throws {
        let text = Self.text + "\n\n## Sources\n\n- proc(5), `/proc/pid/io`\n- Linux fs/read_write.c,\n  `vfs_read`\n"
        let lesson = try Lesson.parse(text, path: "07-demo.md")
        #expect(lesson.sections.map(\.title) == ["First", "Second"])
        #expect(lesson.pages.count == 2)
        #expect(lesson.sources.map(\.text) == ["proc(5), `/proc/pid/io`", "Linux fs/read_write.c, `vfs_read`"])
        #expect(lesson.sources.map(\.line) == [29, 30])
        #expect(try Lesson.parse(Self.text, path: "07-demo.md").sources.isEmpty)
    }

    @Test func brokenLessonsNameTheFileAndLine() {
        #expect(
            throws: LessonError(
                path: "x.md", line: 1, problem: "a lesson starts with front matter between '---' lines (id, number, title, demos)")
        ) {
            try Lesson.parse("# no front matter", path: "x.md")
        }
        #expect(throws: LessonError(path: "x.md", line: 1, problem: "the front matter has no 'title:'")) {
            try Lesson.parse("---\nid: a\nnumber: 1\n---\n", path: "x.md")
        }
        #expect(throws: LessonError(path: "x.md", line: 6, problem: "this code block is never closed with ```")) {
            try Lesson.parse("---\nid: a\nnumber: 1\ntitle: T\n---\n```zctour\nrun mmap\n", path: "x.md")
        }
    }

    /// The shipped lessons/ parse, are numbered in file order without repeats (numbers may
    /// have gaps while lessons land), and every command and check in them is well formed
    /// (running them is the end-to-end tests' job).
    @Test func theShippedLessonsAreWellFormed() throws {
        let library = try LessonLibrary.load(directory: Fixtures.lessons.path)
        let numbers = library.lessons.map(\.number)
        #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count && numbers.first == 1, "\(numbers)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.lessons.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(library.lessons.map { String(format: "%02d-%@.md", $0.number, $0.id) } == files)
        for id in ["kernel-user-copies", "sendfile", "copy-file-range", "your-stack", "choosing"] {
            #expect(library.lessons.contains { $0.id == id }, "\(id)")
        }
        for lesson in library.lessons {
            #expect(!lesson.commandLines.isEmpty, "\(lesson.id) runs nothing")
            for line in lesson.commandLines where line.text.hasPrefix("expect ") {
                _ = try Claim.parse(String(line.text.dropFirst(7)))
            }
            let runnable = lesson.sections.last { section in section.blocks.contains { if case .commands = $0 { true } else { false } } }
            #expect(
                runnable?.blocks.contains { block in
                    if case .commands(let lines) = block {
                        return lines.contains { $0.text.hasPrefix("compare ") || $0.text.hasPrefix("choose ") }
                    }
                    return false
                } == true, "\(lesson.id) must end with a comparison table")
            #expect(lesson.challenges.count <= 3, "\(lesson.id) has \(lesson.challenges.count) challenges")
            #expect(!lesson.challenges.isEmpty, "\(lesson.id) has no challenge")
            if !lesson.challenges.isEmpty { #expect(lesson.sections.last?.title == "Challenges") }
        }
        let listed = library.lessons.map { "\($0.number) \($0.id)" }.joined(separator: ", ")
        #expect(throws: UsageError("unknown lesson 'nope'; the lessons are \(listed)")) {
            try library.lesson("nope")
        }
        #expect(try library.lesson("4").id == "mmap")
        #expect(try library.lesson("sendfile").number == 5)
    }
}
