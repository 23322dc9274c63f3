import Foundation
import Glibc
import TestSupport
import Testing

/// Standard output that cannot be written (issue 13, item 7: `export > full_fs/handout.md`
/// left a truncated file with status 0; `run --json`, `list`, `doctor`, `check-all` and `export`
/// all exited 0 into /dev/full): status 1 and one line on stderr; a reader that went away
/// (EPIPE, as `head` does) ends it quietly with 141.
@Suite struct OutputErrorTests {
    @Test(arguments: [
        ["list"], ["run", "read-write", "--size", "64K", "--json"], ["doctor"], ["check-all", "2"],
        ["export", "--lesson", "2", "--format", "md"],
    ])
    func aFullDiskIsAnError(arguments: [String]) throws {
        let result = try Spawned.run([Zctour.binary] + arguments, stdout: "/dev/full", timeout: 60)
        #expect(result.termination == .exited(1), "\(arguments): \(result.stderr)")
        #expect(
            result.errorLines.last
                == "zctour: cannot write to standard output: ENOSPC (No space left on device); the output is incomplete",
            "\(result.stderr)")
    }

    /// A transcript into a pipe whose reader has gone stops at once, without a word.
    @Test func aReaderThatLeftEndsItQuietly() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])  // the reader is gone before the first line
        defer { close(ends[1]) }
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/input"
        try String(repeating: "list\n", count: 2000).write(toFile: input, atomically: true, encoding: .utf8)
        let result = try Spawned.run([Zctour.binary], stdin: input, stdoutFD: ends[1], timeout: 30)
        #expect(result.termination == .exited(141), "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}
