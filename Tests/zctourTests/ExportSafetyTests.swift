import Foundation
import Glibc
import Testing

/// What `export -o` may replace (issue 12 of the attack, item 12): a file its owner made
/// read-only was replaced (and left 0644); a replaced file keeps its mode.
@Suite struct ExportSafetyTests {
    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test func aReadOnlyFileIsNotReplaced() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/handout.md"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("mine".utf8), attributes: [.posixPermissions: 0o444]))
        let result = try Zctour.run(["export", "--lesson", "2", "-o", target])
        #expect(result.termination == .exited(2))
        #expect(
            result.stderr
                == "zctour: -o \(target) is read-only, which zctour will not replace; make it writable (chmod u+w) or give another name\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "mine")
        #expect(mode(target) == 0o444)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["handout.md"])
    }

    @Test func aReplacedFileKeepsItsMode() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/handout.md"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("old".utf8), attributes: [.posixPermissions: 0o640]))
        let result = try Zctour.run(["export", "--lesson", "2", "-o", target])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# zctour lesson 2"))
        #expect(mode(target) == 0o640)
    }
}
