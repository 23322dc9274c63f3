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

    /// The shipped lessons/ parse, are numbered as their files are (gaps allowed while a lesson is
    /// still to come), choosing comes last, and every command and check in them is well formed
    /// (running them is the end-to-end tests' job).
    @Test func theShippedLessonsAreWellFormed() throws {
        let library = try LessonLibrary.load(directory: Fixtures.lessons.path)
        #expect(library.lessons.map(\.number) == Fixtures.lessonNumbers)
        let byNumber = Dictionary(uniqueKeysWithValues: library.lessons.map { ($0.number, $0.id) })
        let known = [
            1: "kernel-user-copies", 2: "buffer-reuse", 3: "slices-and-views", 4: "mmap", 5: "sendfile", 6: "splice",
            7: "copy-file-range", 8: "msg-zerocopy", 9: "page-cache", 10: "serving-a-download", 11: "your-stack",
            12: "receiving-and-big-files",
            13: "io-uring",
        ]
        for (number, id) in known { #expect(byNumber[number] == id, "lesson \(number)") }
        #expect(library.lessons.last?.id == "choosing")
        let ids = library.lessons.map(\.id)
        #expect(ids.firstIndex(of: "io-uring").map { $0 < ids.count - 1 } == true, "io-uring comes before choosing")
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
        #expect {
            try library.lesson("nope")
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("unknown lesson 'nope'; the lessons are 1 kernel-user-copies, 2 buffer-reuse, 3 slices-and-views, ")
                && text.hasSuffix(", \(Fixtures.lastLesson) choosing")
        }
        #expect(try library.lesson("4").id == "mmap")
        #expect(try library.lesson("sendfile").number == 5)
    }
}
