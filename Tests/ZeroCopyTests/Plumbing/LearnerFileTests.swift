import Foundation
import Glibc
import Testing
import ZeroCopy

/// `--file`: a learner's own file is only read. Every file demo moves it into every sink it
/// takes and verifies it against the checksum read before; the file is byte for byte what it
/// was, with the same modification and change times (a write, a truncation, a chmod or a
/// replacement would move one of them); what cannot be moved and checked is refused; and a
/// file that changes under a demo fails its verification with a message that says so.
@Suite struct LearnerFileTests {
    static let size = 1_000_003  // not a multiple of a page, a buffer or a block

    /// A file of random bytes outside zctour's workspace, as a learner's would be: read-only,
    /// and owned by another user (nobody) where this process may give it away (as root).
    static func learnersFile(in directory: Workspace, name: String = "mine.bin") throws -> (path: String, bytes: [UInt8]) {
        let path = directory.file(name)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o444) == 0)
        if getuid() == 0 { #expect(chown(path, 65534, 65534) == 0) }
        return (path, bytes)
    }

    static func times(_ path: String) throws -> [Int] {
        var info = stat()
        try #require(stat(path, &info) == 0)
        return [
            Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec),
            Int(info.st_ino), Int(info.st_mode), Int(info.st_uid),
        ]
    }

    @Test func everyFileDemoReadsTheLearnersFileIntoEverySinkAndLeavesItAsItWas() throws {
        let home = try Workspace()
        defer { home.remove() }
        let (path, bytes) = try Self.learnersFile(in: home)
        let before = try Self.times(path)
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sample = try LearnerFile.examine(path).sample()
        #expect(sample.size == Self.size)
        #expect(sample.checksum == bytes.withUnsafeBytes { Checksum.of($0) })
        for demo in Demo.all where demo.readsLearnerFile {
            for kind in demo.sinks {
                let sink = try Sink.open(kind, in: workspace, peerWindow: UnmeasuredWindow())
                _ = try demo.transfer(
                    Transfer(sample: sample, sink: sink, buffer: 64 << 10, window: UnmeasuredWindow(), workspace: workspace))
                let verification = try sink.verify(against: sample)
                #expect(verification.passed, "\(demo.id) → \(kind.rawValue): \(verification)")
                #expect(verification.bytes == Self.size, "\(demo.id) → \(kind.rawValue)")
                if verification.method != .byteCountOnly { #expect(verification.checksum == sample.checksum, "\(demo.id) → \(kind)") }
                try sample.learner?.explain(verification)
            }
        }
        _ = try sample.dropFromPageCache()  // what --cold does to it: asks the kernel to drop cached pages
        #expect(try Self.times(path) == before, "size, mtime, ctime, inode, mode or owner changed")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    @Test func whatCannotBeMovedAndCheckedIsRefusedBeforeAnythingIsRead() throws {
        let home = try Workspace()
        defer { home.remove() }
        let fifo = home.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let empty = home.file("empty")
        #expect(FileManager.default.createFile(atPath: empty, contents: nil))
        func problem(_ path: String) -> LearnerFileRefused.Problem? {
            do {
                _ = try LearnerFile.examine(path)
                return nil
            } catch {
                return error.problem
            }
        }
        #expect(problem(fifo) == .notRegular("a FIFO (a named pipe)"))
        #expect(problem("/dev/null") == .notRegular("a character device"))
        #expect(problem(home.path) == .notRegular("a directory"))
        #expect(problem("/proc/self/status") == .madeUpAsRead("procfs"))
        if access("/sys/devices/system/cpu/online", R_OK) == 0 {
            #expect(problem("/sys/devices/system/cpu/online") == .madeUpAsRead("sysfs"))
        }
        #expect(problem(empty) == .empty)
        #expect(problem(home.file("missing")) == .cannotOpen(errno: ENOENT))
        #expect(
            LearnerFileRefused(path: "/x", problem: .cannotOpen(errno: EACCES)).description
                == "--file /x: EACCES (Permission denied): zctour only reads the file, and this user may not")
    }

    /// The file is written to between the checksum and the end of the run: the run fails, and
    /// says the file changed, instead of blaming the demo for bytes that did not match.
    @Test func aFileThatChangesUnderTheDemoFailsItsVerificationSayingSo() throws {
        let home = try Workspace()
        defer { home.remove() }
        let (path, _) = try Self.learnersFile(in: home)
        #expect(chmod(path, 0o644) == 0)
        let workspace = try Workspace()
        defer { workspace.remove() }
        func runThenExplain(_ sample: SampleFile, after change: () throws -> Void) throws -> LearnerFileChanged? {
            let sink = try Sink.open(.file, in: workspace, peerWindow: UnmeasuredWindow())
            try change()
            do {
                _ = try Demo.readWrite.transfer(
                    Transfer(sample: sample, sink: sink, buffer: 64 << 10, window: UnmeasuredWindow(), workspace: workspace))
                try sample.learner?.explain(try sink.verify(against: sample))
            } catch let changed as LearnerFileChanged {
                return changed
            }
            return nil
        }
        let grown = try runThenExplain(try LearnerFile.examine(path).sample()) {
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([1, 2, 3]))
            try handle.close()
        }
        #expect(grown?.change == .size(from: Self.size, to: Self.size + 3))
        #expect(grown?.description.contains("its size went from 1,000,003 to 1,000,006 bytes") == true)
        let rewritten = try runThenExplain(try LearnerFile.examine(path).sample()) {
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            try handle.seek(toOffset: 4096)
            try handle.write(contentsOf: Data([0xAA]))
            try handle.close()
        }
        #expect(rewritten?.change == .modified)
        let replaced = try runThenExplain(try LearnerFile.examine(path).sample()) {
            let other = home.file("other.bin")
            try Data(count: Self.size + 3).write(to: URL(fileURLWithPath: other))
            #expect(rename(other, path) == 0)
        }
        #expect(replaced?.change == .replaced)
        // Unchanged, the same file verifies.
        #expect(try runThenExplain(try LearnerFile.examine(path).sample()) {} == nil)
    }
}
