import Glibc
import Probe
import Testing
import ZeroCopy

/// The probe's promise: a window shows exactly what the code inside it did, not the probe's
/// own reads, and says so in one line when /proc is not there.
@Suite struct ProbeTests {
    @Test func aLoopOf256ReadsShows256() throws {
        let fd = open("/dev/zero", O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        var byte: UInt8 = 0
        let probe = Probe()
        let start = probe.snapshot()
        for _ in 0..<256 { _ = read(fd, &byte, 1) }
        let delta = Delta(from: start, to: probe.snapshot())
        let io = try #require(delta.io)
        #expect(io.syscr == 256)
        #expect(io.rchar == 256)
        #expect(io.syscw == 0)
        #expect(io.wchar == 0)
    }

    @Test func writesAreCountedAsWriteTypeSyscalls() throws {
        let fd = open("/dev/null", O_WRONLY)
        defer { close(fd) }
        let bytes = [UInt8](repeating: 7, count: 1000)
        let probe = Probe()
        let start = probe.snapshot()
        for _ in 0..<100 { _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, 1000) } }
        let io = try #require(Delta(from: start, to: probe.snapshot()).io)
        #expect(io.syscw == 100)
        #expect(io.wchar == 100_000)
        #expect(io.syscr == 0)
    }

    @Test func anEmptyWindowShowsNothing() throws {
        let probe = Probe()
        let start = probe.snapshot()
        let delta = Delta(from: start, to: probe.snapshot())
        #expect(delta.io == IOCounters())
        #expect(delta.allocations == 0)
        #expect(delta.minflt == 0)
    }

    @Test func backToBackWindowsEachSubtractTheirOwnProbeRead() throws {
        let probe = Probe()
        let first = probe.snapshot()
        let second = probe.snapshot()
        let third = probe.snapshot()
        #expect(Delta(from: first, to: second).io == IOCounters())
        #expect(Delta(from: second, to: third).io == IOCounters())
        #expect(Delta(from: first, to: third).io?.syscr == 1)  // the middle snapshot's read
    }

    @Test func allocationsAreCountedPerThread() {
        let probe = Probe()
        let start = probe.snapshot()
        for _ in 0..<10 {
            let block = UnsafeMutableRawPointer.allocate(byteCount: 100, alignment: 8)
            block.deallocate()
        }
        let delta = Delta(from: start, to: probe.snapshot())
        #expect(delta.allocations == 10)
        #expect(delta.allocatedBytes == 1000)
    }

    /// getrusage(RUSAGE_THREAD) reads the same task counter as field 10 of /proc/thread-self/stat.
    /// The stat file is read with pread into a buffer made beforehand, parsed without
    /// allocating, so reading it adds no fault of its own.
    @Test func minorFaultsAgreeWithProcStat() throws {
        let fd = open("/proc/thread-self/stat", O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 8)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        func statMinorFaults() -> Int {
            let count = pread(fd, buffer.baseAddress, buffer.count, 0)
            // After the ")" that closes the command name: " S ppid ..."; minflt is the 8th field.
            var index = 0
            for i in 0..<max(count, 0) where buffer[i] == UInt8(ascii: ")") { index = i }
            var field = 0
            var value = 0
            for i in (index + 1)..<max(count, 0) {
                let byte = buffer[i]
                if byte == UInt8(ascii: " ") {
                    field += 1
                    if field == 9 { break }
                    value = 0
                } else if field == 8 {
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
            }
            return value
        }
        let pages = 64
        let length = pages * 4096
        let probe = Probe()
        // Once untimed, so that the code and data on the measured path are already resident:
        // a page of the binary's text brought back on first use is a minor fault of its own,
        // between the two readings of one counter but outside the other's window.
        do {
            _ = statMinorFaults()
            let warm = probe.snapshot()
            if let mapping = mmap(nil, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) {
                mapping.storeBytes(of: 1, as: UInt8.self)
                munmap(mapping, 4096)
            }
            _ = Delta(from: warm, to: probe.closingSnapshot())
            _ = statMinorFaults()
        }
        let procBefore = statMinorFaults()
        let start = probe.snapshot()
        let mapping = try #require(mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        for page in 0..<pages { mapping.storeBytes(of: 1, toByteOffset: page * 4096, as: UInt8.self) }
        let delta = Delta(from: start, to: probe.closingSnapshot())
        let procAfter = statMinorFaults()
        munmap(mapping, length)
        #expect(delta.minflt >= 1)
        #expect(procAfter - procBefore == delta.minflt)
    }

    /// Without /proc the io counters are missing (nil, not 0) and the reason is one line; what
    /// does not come from /proc (the allocation counter, getrusage, the clocks) is still measured.
    @Test func aMissingProcGivesOneLineReasonAndNoIOCounters() {
        let probe = Probe(procRoot: "/nonexistent-proc")
        let reason = probe.unavailable?.reason ?? ""
        #expect(reason == "cannot open /nonexistent-proc/thread-self/io: ENOENT (No such file or directory); is /proc mounted?")
        let start = probe.snapshot()
        for _ in 0..<10 {
            let block = UnsafeMutableRawPointer.allocate(byteCount: 100, alignment: 8)
            block.deallocate()
        }
        let delta = Delta(from: start, to: probe.snapshot())
        #expect(delta.io == nil)
        #expect(delta.allocations == 10)
        #expect(delta.allocatedBytes == 1000)
    }

    @Test func theWindowMeasuresTheThreadThatBeginsIt() throws {
        let window = ProbeWindow()
        let fd = open("/dev/zero", O_RDONLY)
        defer { close(fd) }
        var byte: UInt8 = 0
        window.begin()
        for _ in 0..<3 { _ = read(fd, &byte, 1) }
        window.end()
        #expect(window.delta?.io?.syscr == 3)
        #expect(window.delta?.io?.rchar == 3)
    }
}

/// Syscall names come from the kernel's tables for each architecture, and decoded calls read
/// like strace's.
@Suite struct SyscallNameTests {
    static let amd64: UInt32 = 0xC000_003E
    static let aarch64: UInt32 = 0xC000_00B7

    @Test func namesFollowEachArchitecturesTable() {
        #expect(SyscallCall.name(number: 0, arch: Self.amd64) == "read")
        #expect(SyscallCall.name(number: 40, arch: Self.amd64) == "sendfile")
        #expect(SyscallCall.name(number: 275, arch: Self.amd64) == "splice")
        #expect(SyscallCall.name(number: 326, arch: Self.amd64) == "copy_file_range")
        #expect(SyscallCall.name(number: 63, arch: Self.aarch64) == "read")
        #expect(SyscallCall.name(number: 71, arch: Self.aarch64) == "sendfile")
        #expect(SyscallCall.name(number: 222, arch: Self.aarch64) == "mmap")
        #expect(SyscallCall.name(number: 285, arch: Self.aarch64) == "copy_file_range")
    }

    @Test func unknownNumbersAndArchitecturesShowTheNumber() {
        #expect(SyscallCall.name(number: 9999, arch: Self.amd64) == "syscall_9999")
        #expect(SyscallCall.name(number: 0, arch: 0x4000_0003) == "syscall_0")
    }

    @Test func callsAreDecodedLikeStrace() {
        #expect(SyscallCall(name: "read", arguments: [3, 0x1000, 65536, 0, 0, 0], result: 65536).description == "read(3, 65536) = 65536")
        #expect(
            SyscallCall(name: "sendfile", arguments: [5, 3, 0, 67_108_864, 0, 0], result: 67_108_864).description
                == "sendfile(5, 3, NULL, 67108864) = 67108864")
        #expect(
            SyscallCall(name: "mmap", arguments: [0, 67_108_864, 1, 2, 3, 0], result: 0x7F00_0000_0000).description
                == "mmap(NULL, 67108864, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7f0000000000")
        #expect(
            SyscallCall(name: "write", arguments: [UInt64(bitPattern: -1), 0, 20, 0, 0, 0], result: -9, isError: true).description
                == "write(-1, 20) = -1 EBADF")
        #expect(
            SyscallCall(name: "splice", arguments: [3, 0, 6, 0, 65536, 1], result: 65536).description
                == "splice(3, NULL, 6, NULL, 65536, SPLICE_F_MOVE) = 65536")
    }
}

/// io_uring_enter decoded as the lesson reads it: what it handed over, what it waited for.
@Test func ioUringEnterShowsToSubmitAndMinComplete() {
    let call = SyscallCall(name: "io_uring_enter", arguments: [5, 16, 16, 1, 0, 0], result: 16)
    #expect(call.description == "io_uring_enter(5, to_submit: 16, min_complete: 16, GETEVENTS) = 16")
    let bounded = SyscallCall(name: "io_uring_enter", arguments: [7, 8, 16, 9, 0x7ffd_0000, 24], result: 8)
    #expect(bounded.description == "io_uring_enter(7, to_submit: 8, min_complete: 16, GETEVENTS|EXT_ARG) = 8")
}

/// A probe that also reads the process's storage counters (for the io_uring demos, whose workers
/// do storage I/O) still subtracts exactly its own reads from the thread's counters.
@Suite struct ProcessStorageTests {
    @Test func theThreadsCountsStayExactWithTheProcessFileReadToo() throws {
        let fd = open("/dev/zero", O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        var byte: UInt8 = 0
        let probe = Probe(processStorage: true)
        let start = probe.snapshot()
        for _ in 0..<256 { _ = read(fd, &byte, 1) }
        let closed = Delta(from: start, to: probe.closingSnapshot())
        #expect(closed.io?.syscr == 256)
        #expect(closed.io?.rchar == 256)
        // The process's storage counters are not asserted: they are the whole test process's,
        // and other tests write files beside this one.
        #expect(closed.processStorage != nil)
        // An opening snapshot as the end reads the process file after the thread's: not inside.
        let again = probe.snapshot()
        for _ in 0..<3 { _ = read(fd, &byte, 1) }
        #expect(Delta(from: again, to: probe.snapshot()).io?.syscr == 3)
    }

    /// Storage I/O that another thread makes shows in the process's counters, not the thread's:
    /// what an io_uring worker's write looks like to the thread that submitted it.
    @Test func anotherThreadsWritesShowOnlyInTheProcessCounters() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        guard workspace.filesystemName() != "tmpfs" else {
            print("skipped: \(Workspace.temporaryRoot) is tmpfs, which counts no write_bytes at all")
            return
        }
        let path = workspace.file("written.bin")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        let probe = Probe(processStorage: true)
        let start = probe.snapshot()
        var thread = pthread_t()
        let context = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        defer { context.deallocate() }
        context.pointee = fd
        pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                let fd = raw.assumingMemoryBound(to: Int32.self).pointee
                let page = [UInt8](repeating: 1, count: 1 << 20)
                _ = page.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                return nil
            }, context)
        pthread_join(thread, nil)
        let delta = Delta(from: start, to: probe.closingSnapshot())
        #expect(delta.io?.writeBytes == 0)
        // At least the other thread's megabyte: the process counters are the whole test
        // process's, where other tests write files at the same time.
        #expect((delta.processStorage?.writeBytes ?? 0) >= 1 << 20)
    }
}
