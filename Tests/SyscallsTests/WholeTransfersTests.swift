import CShims
import Glibc
import Syscalls
import Testing

/// `writeAll` writes every byte however the kernel splits the writes, and says how many calls
/// it took; `readAll` reads to the end, and no further than its limit.
@Suite struct WholeTransfersTests {
    /// A blocking pipe write returns early only when a signal arrives after some bytes went in:
    /// the writer fills a one-page pipe, is signalled (SIGUSR1, a no-op) until it has returned
    /// short at least once, and every byte still arrives, in order.
    @Test func writeAllFinishesShortWritesAndCountsTheCalls() throws {
        QuietSignal.install()
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(readEnd) }
        #expect(zc_set_pipe_size(writeEnd, 4096) == 4096)
        let bytes = (0..<(64 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let writer = ThreadBox(Result<Int, Error>?.none)
        writer.start { box in
            box.value = Result { try bytes.withUnsafeBytes { try Syscall.writeAll(writeEnd, $0) } }
            close(writeEnd)
        }
        for _ in 0..<4 {
            usleep(30_000)  // the writer is blocked on the full pipe by now
            pthread_kill(writer.thread, QuietSignal.number)
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        writer.finished.wait()
        #expect(received == bytes)
        let calls = try #require(try writer.value?.get())
        #expect(calls > 1, "no write came back short, so nothing was tested")
    }

    @Test func writeAllOfNothingMakesNoCall() throws {
        #expect(try Syscall.writeAll(-1, UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
        #expect(try Syscall.writeAll(-1, "") == 0)
    }

    @Test func aFailedWriteNamesTheDescriptor() {
        #expect {
            try Syscall.writeAll(-1, "x")
        } throws: { error in
            (error as? SystemError) == SystemError(.write, errno: EBADF, descriptor: -1)
        }
    }

    /// More than one read's worth (64 KiB), so the loop is exercised, up to its end.
    @Test func readAllReadsToTheEnd() throws {
        let scratch = try Scratch()
        let path = scratch.file("data")
        let bytes = (0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        try bytes.withUnsafeBytes { _ = try Syscall.writeAll(fd, $0) }
        close(fd)
        #expect(try Syscall.readAll(path: path, limit: 1 << 20) == bytes)
        #expect(try Syscall.readAll(path: path, limit: bytes.count) == bytes)
    }

    @Test func readAllStopsPastItsLimit() throws {
        let scratch = try Scratch()
        let path = scratch.file("data")
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        _ = try Syscall.writeAll(fd, String(repeating: "x", count: 1000))
        close(fd)
        #expect {
            try Syscall.readAll(path: path, limit: 999)
        } throws: { error in
            (error as? ReadLimitExceeded)?.limit == 999 && (error as? ReadLimitExceeded)?.path == path
        }
    }

    @Test func readAllOfAMissingFileNamesIt() {
        #expect {
            try Syscall.readAll(path: "/nonexistent-zctour-dir/x", limit: 10)
        } throws: { error in
            (error as? SystemError) == SystemError(.open, errno: ENOENT, path: "/nonexistent-zctour-dir/x")
        }
    }
}
