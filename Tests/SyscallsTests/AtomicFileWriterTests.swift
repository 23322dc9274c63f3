import Foundation
import Glibc
import Syscalls
import Testing

/// A file written with `AtomicFileWriter` appears whole or not at all, and nothing else is
/// left in its directory either way.
@Suite struct AtomicFileWriterTests {
    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test func aCommitReplacesTheTargetAndLeavesNoTemporaryFile() throws {
        let scratch = try Scratch()
        let target = scratch.file("state.json")
        #expect(FileManager.default.createFile(atPath: target, contents: Data("old".utf8)))
        let writer = try AtomicFileWriter(path: target)
        let temporary = URL(fileURLWithPath: writer.temporaryPath).lastPathComponent
        #expect(temporary.hasPrefix(".state.json.") && temporary.count == ".state.json.".count + 6)
        #expect(try scratch.names() == [temporary, "state.json"])
        try writer.commit("new")
        #expect(contents(target) == "new")
        #expect(try scratch.names() == ["state.json"])
        #expect(mode(target) == 0o600)
    }

    @Test func aSharedFileHonoursTheUmask() throws {
        let scratch = try Scratch()
        let target = scratch.file("handout.md")
        let mask = umask(0o022)
        defer { umask(mask) }
        try AtomicFileWriter(path: target, permissions: .umask).commit("text")
        #expect(mode(target) == 0o644)
    }

    /// The rename fails (a directory is in the way): the directory stays as it was and the
    /// temporary file is gone.
    @Test func aFailedCommitLeavesTheTargetUntouchedAndNoTemporaryFile() throws {
        let scratch = try Scratch()
        let target = scratch.file("busy")
        #expect(mkdir(target, 0o700) == 0)
        #expect(FileManager.default.createFile(atPath: target + "/inside", contents: Data("kept".utf8)))
        let writer = try AtomicFileWriter(path: target)
        #expect {
            try writer.commit("new")
        } throws: { error in
            (error as? SystemError)?.operation == .rename && (error as? SystemError)?.path == target
        }
        // Still held, so its deinit cannot be what cleaned up.
        withExtendedLifetime(writer) {
            #expect((try? scratch.names()) == ["busy"])
        }
        #expect(contents(target + "/inside") == "kept")
    }

    @Test func aDirectoryThatCannotHoldTheFileFailsBeforeAnythingIsWritten() {
        #expect {
            _ = try AtomicFileWriter(path: "/nonexistent-zctour-dir/out.md")
        } throws: { error in
            (error as? SystemError)?.operation == .mkstemp && (error as? SystemError)?.errno == ENOENT
        }
    }

    @Test func aDiscardedWriterLeavesNothing() throws {
        let scratch = try Scratch()
        let writer = try AtomicFileWriter(path: scratch.file("never"))
        writer.discard()
        #expect(try scratch.names() == [])
        try writer.commit("late")  // after discard: nothing happens
        #expect(try scratch.names() == [])
    }

    /// An interruption that arrived while the document was being made: it is not renamed into
    /// place. In a child process, since a pending interruption is process-wide.
    @Test func aPendingInterruptionDiscardsTheFile() throws {
        let scratch = try Scratch()
        let target = scratch.file("handout.html")
        #expect(FileManager.default.createFile(atPath: target, contents: Data("old".utf8)))
        let status = ForkedChild.run { _ in
            Interruption.install()
            raise(SIGINT)  // recorded, not fatal: the handler is installed
            do {
                try AtomicFileWriter(path: target, discardsWhenInterrupted: true).commit("new")
                return 1
            } catch let interrupted as Interrupted {
                return interrupted.signal == SIGINT ? 0 : 2
            } catch {
                return 3
            }
        }
        #expect(status == 0)
        #expect(contents(target) == "old")
        #expect(try scratch.names() == ["handout.html"])
    }

    /// State saved on the way out of an interrupted command still lands.
    @Test func aWriterThatDoesNotDiscardWhenInterruptedStillCommits() throws {
        let scratch = try Scratch()
        let target = scratch.file("progress.json")
        let status = ForkedChild.run { _ in
            Interruption.install()
            raise(SIGTERM)
            do {
                try AtomicFileWriter(path: target, discardsWhenInterrupted: false).commit("saved")
                return 0
            } catch {
                return 1
            }
        }
        #expect(status == 0)
        #expect(contents(target) == "saved")
    }

    /// A rename over a device, pipe or directory would destroy it; through a link, the file
    /// it points to is replaced and the link stays.
    @Test func aRegularFileTargetRefusesWhatARenameWouldDestroyAndFollowsLinks() throws {
        let scratch = try Scratch()
        #expect(mkfifo(scratch.file("fifo"), 0o600) == 0)
        #expect(mkdir(scratch.file("dir"), 0o700) == 0)
        let refusals: [(String, AtomicFileWriter.TargetRefused.Reason)] = [
            ("/dev/null", .notRegularFile), (scratch.file("fifo"), .notRegularFile), (scratch.file("dir"), .directory),
            (scratch.file("dir") + "/", .directory), (scratch.file("new") + "/", .noFileName),
        ]
        for (path, reason) in refusals {
            #expect(throws: AtomicFileWriter.TargetRefused(reason, path: path)) {
                try AtomicFileWriter(path: path, target: .regularFile)
            }
        }
        #expect(symlink(scratch.file("nowhere/real.md"), scratch.file("dangling.md")) == 0)
        #expect(throws: AtomicFileWriter.TargetRefused(.unresolvedLink, path: scratch.file("dangling.md"))) {
            try AtomicFileWriter(path: scratch.file("dangling.md"), target: .regularFile)
        }
        #expect(FileManager.default.createFile(atPath: scratch.file("real.md"), contents: Data("old".utf8)))
        #expect(symlink(scratch.file("real.md"), scratch.file("link.md")) == 0)
        try AtomicFileWriter(path: scratch.file("link.md"), target: .regularFile).commit("new")
        var info = stat()
        #expect(lstat(scratch.file("link.md"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(contents(scratch.file("real.md")) == "new")
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }
}
