import Foundation
import Glibc
import Syscalls
import Testing

/// The locks that tell a file of a live writer from one a killed writer left (issue 13: after
/// SIGKILL nothing ever removed zctour's files), and the tree removal that never follows a link.
@Suite struct OwnershipTests {
    /// Two open files of the same path: the second cannot take the lock while the first holds
    /// it, and can once it is closed.
    @Test func aLockIsHeldUntilItsFileCloses() throws {
        let scratch = try Scratch()
        let path = scratch.file("lock")
        let first = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        let second = open(path, O_RDWR | O_CLOEXEC)
        defer { close(second) }
        #expect(try FileLock.tryLock(first, path: path))
        #expect(try FileLock.tryLock(second, path: path) == false)
        close(first)
        #expect(try FileLock.tryLock(second, path: path))
    }

    /// A writer in a child that is killed with SIGKILL: its temporary file stays, and is then
    /// abandoned; while a writer lives, its file is not.
    @Test func aKilledWritersTemporaryFileIsAbandonedALiveOnesIsNot() throws {
        let scratch = try Scratch()
        let target = scratch.file("progress.json")
        let live = try AtomicFileWriter(path: target)
        #expect(AtomicFileWriter.removeIfAbandoned(live.temporaryPath) == nil)
        #expect(FileManager.default.fileExists(atPath: live.temporaryPath))
        let status = ForkedChild.run(signalling: SIGKILL) { ready in
            guard let writer = try? AtomicFileWriter(path: target) else { return 1 }
            ready()
            while true {
                pause()
                _ = writer.temporaryPath  // held until the SIGKILL
            }
        }
        #expect(status == 128 + SIGKILL)
        let left = try scratch.names().filter { $0.hasPrefix(".progress.json.") && scratch.file($0) != live.temporaryPath }
        #expect(left.count == 1, "the killed writer's file: \(left)")
        #expect(AtomicFileWriter.removeAbandoned(besideTarget: target) == left.map(scratch.file))
        #expect(try scratch.names() == [URL(fileURLWithPath: live.temporaryPath).lastPathComponent])
        try live.commit("kept")
        #expect(try scratch.names() == ["progress.json"])
    }

    /// Someone else's file, a link, a directory: never removed, whatever their lock.
    @Test func onlyARegularFileIsEverAbandoned() throws {
        let scratch = try Scratch()
        let outside = scratch.file("victim")
        #expect(FileManager.default.createFile(atPath: outside, contents: Data("keep".utf8)))
        #expect(symlink(outside, scratch.file(".link.AAAAAA")) == 0)
        #expect(mkdir(scratch.file(".dir.AAAAAA"), 0o700) == 0)
        #expect(AtomicFileWriter.removeIfAbandoned(scratch.file(".link.AAAAAA")) == nil)
        #expect(AtomicFileWriter.removeIfAbandoned(scratch.file(".dir.AAAAAA")) == nil)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "keep")
        #expect(try scratch.names() == [".dir.AAAAAA", ".link.AAAAAA", "victim"])
    }

    /// A file nobody may write is not replaced (not even by root, whom access(2) would let);
    /// a file that is replaced keeps its mode.
    @Test func aReadOnlyTargetIsRefusedAndAReplacedOneKeepsItsMode() throws {
        let scratch = try Scratch()
        let locked = scratch.file("handout.md")
        #expect(FileManager.default.createFile(atPath: locked, contents: Data("mine".utf8), attributes: [.posixPermissions: 0o444]))
        #expect {
            try AtomicFileWriter(path: locked, permissions: .umask, target: .regularFile)
        } throws: { error in
            (error as? AtomicFileWriter.TargetRefused)?.reason == .readOnly
        }
        #expect(try String(contentsOfFile: locked, encoding: .utf8) == "mine")
        let shared = scratch.file("shared.md")
        #expect(FileManager.default.createFile(atPath: shared, contents: Data("old".utf8), attributes: [.posixPermissions: 0o664]))
        try AtomicFileWriter(path: shared, permissions: .umask, target: .regularFile).commit("new")
        var info = stat()
        #expect(stat(shared, &info) == 0 && info.st_mode & 0o777 == 0o664)
    }

    /// A link inside the tree, and a name that is not UTF-8: the link goes, what it points to
    /// stays; the odd name goes too.
    @Test func removingATreeNeverFollowsALink() throws {
        let scratch = try Scratch()
        let outside = scratch.file("outside")
        #expect(mkdir(outside, 0o700) == 0)
        #expect(FileManager.default.createFile(atPath: outside + "/precious", contents: Data("keep".utf8)))
        let tree = scratch.file("tree")
        #expect(mkdir(tree, 0o700) == 0)
        #expect(mkdir(tree + "/sub", 0o700) == 0)
        #expect(FileManager.default.createFile(atPath: tree + "/sub/file", contents: Data(count: 4096)))
        #expect(symlink(outside, tree + "/link") == 0)
        let odd = Array((tree + "/").utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0]
        let oddFD = open(odd, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        #expect(oddFD >= 0)
        close(oddFD)
        #expect(DirectoryTree.size(tree) == 4096)
        DirectoryTree.remove(tree)
        #expect(try scratch.names() == ["outside"])
        #expect(try String(contentsOfFile: outside + "/precious", encoding: .utf8) == "keep")
    }
}
