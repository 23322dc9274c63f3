import Foundation
import Testing
import Tour

/// Tab after `--file` completes a path, as it does for `script`; the option itself is offered
/// only with a demo that reads a file.
@Suite struct FileCompletionTests {
    @Test func aPathAfterFileIsCompletedFromTheFileSystem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zctour-completion-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(FileManager.default.createFile(atPath: directory.path + "/big.iso", contents: Data([1])))
        let completer = Completer(lessons: [])
        let (word, matches) = completer.candidates(before: "run read-write --file \(directory.path)/b")
        #expect(word == "\(directory.path)/b")
        #expect(matches == ["\(directory.path)/big.iso"])
    }

    @Test func fileIsOfferedOnlyToADemoThatReadsAFile() {
        let completer = Completer(lessons: [])
        #expect(completer.candidates(before: "run read-write --fi").matches == ["--file"])
        #expect(completer.candidates(before: "run copy --fi").matches == [])
        #expect(completer.candidates(before: "run mmap --cold").matches.contains("--cold-anyway"))
    }
}
