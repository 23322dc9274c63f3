import Glibc
import Syscalls
import Testing

/// The wrappers' promises: a failure is typed (the call, its errno, its file), a stray EINTR is
/// retried, and an EINTR that an interruption explains stops the call with `Interrupted`.
@Suite struct SyscallTests {
    @Test func aFailedCallThrowsItsOperationErrnoAndPath() {
        let path = "/nonexistent-zctour-dir/file"
        #expect {
            try Syscall.value(.open, path: path) { open(path, O_RDONLY | O_CLOEXEC) }
        } throws: { error in
            (error as? SystemError) == SystemError(.open, errno: ENOENT, path: path)
        }
    }

    @Test func aSuccessfulCallReturnsItsResult() throws {
        let fd = try Syscall.value(.open, path: "/dev/null") { open("/dev/null", O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        var byte: UInt8 = 0
        #expect(try Syscall.value(.read, descriptor: fd) { read(fd, &byte, 1) } == 0)
    }

    /// A signal that is not an interruption (here SIGUSR1, whose handler does nothing) makes a
    /// blocked read return EINTR; the wrapper reads again, and the byte written later arrives.
    @Test func anEINTRWithNoInterruptionPendingIsRetried() throws {
        QuietSignal.install()
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        let reader = ThreadBox((calls: 0, result: Result<Int, Error>?.none))
        reader.start { box in
            var byte: UInt8 = 0
            box.value.result = Result {
                try Syscall.value(.read, descriptor: readEnd) {
                    box.value.calls += 1
                    return read(readEnd, &byte, 1)
                }
            }
        }
        for _ in 0..<3 {
            usleep(30_000)  // the reader is blocked on the empty pipe by now
            pthread_kill(reader.thread, QuietSignal.number)
        }
        usleep(30_000)
        var byte: UInt8 = 42
        #expect(write(writeEnd, &byte, 1) == 1)
        reader.finished.wait()
        #expect(try reader.value.result?.get() == 1)
        #expect(reader.value.calls > 1, "the signals never interrupted the read")
    }

    /// Ctrl-C during a blocked read: the handler records SIGINT, the read returns EINTR, and the
    /// wrapper throws `Interrupted` instead of blocking again. In a child process, because the
    /// pending interruption would stop other tests' demos in this one.
    @Test func anEINTRWithAnInterruptionPendingThrowsInterrupted() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        let readEnd = ends[0]
        let status = ForkedChild.run(signalling: SIGINT) { ready in
            Interruption.install()
            ready()
            var byte: UInt8 = 0
            do {
                _ = try Syscall.value(.read, descriptor: readEnd) { read(readEnd, &byte, 1) }
                return 1
            } catch let interrupted as Interrupted {
                return interrupted.signal == SIGINT ? 0 : 2
            } catch {
                return 3
            }
        }
        #expect(status == 0, "exit status \(status.map(String.init) ?? "none: the read never stopped")")
    }

    /// A C loop that stopped at EINTR is not restarted: the layer only says whether an
    /// interruption explains it (in a child, where one can be pending).
    @Test func aCHelpersEINTRIsAnInterruptionOnlyWhenOneIsPending() throws {
        try Syscall.checkInterruption(afterFailureWith: EINTR)  // nothing pending in this process
        let status = ForkedChild.run { _ in
            Interruption.install()
            raise(SIGTERM)  // recorded, not fatal: the handler is installed
            do { try Syscall.checkInterruption(afterFailureWith: EIO) } catch { return 1 }
            do {
                try Syscall.checkInterruption(afterFailureWith: EINTR)
                return 2
            } catch let interrupted as Interrupted {
                return interrupted.signal == SIGTERM ? 0 : 3
            } catch {
                return 4
            }
        }
        #expect(status == 0)
    }

    /// mmap fails with MAP_FAILED, not NULL: the pointer variant must not hand it back.
    @Test func thePointerVariantReportsErrnoForMAPFAILEDAndNULL() throws {
        #expect {
            try Syscall.pointer(.mmap, descriptor: -1, failure: MAP_FAILED) { mmap(nil, 4096, PROT_READ, MAP_PRIVATE, -1, 0) }
        } throws: { error in
            (error as? SystemError) == SystemError(.mmap, errno: EBADF, descriptor: -1)
        }
        let missing = "/nonexistent-zctour-dir"
        #expect {
            try Syscall.pointer(.opendir, path: missing) { opendir(missing) }
        } throws: { error in
            (error as? SystemError) == SystemError(.opendir, errno: ENOENT, path: missing)
        }
        let mapping = try Syscall.pointer(.mmap, failure: MAP_FAILED) {
            mmap(nil, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        }
        #expect(munmap(mapping, 4096) == 0)
    }

    @Test func aCallThatReturnsItsErrnoThrowsIt() {
        #expect {
            try Syscall.returningErrno(.posixFadvise, descriptor: -1) { posix_fadvise(-1, 0, 0, POSIX_FADV_DONTNEED) }
        } throws: { error in
            (error as? SystemError) == SystemError(.posixFadvise, errno: EBADF, descriptor: -1)
        }
    }
}
