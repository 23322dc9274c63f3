import Glibc
import Probe
import Testing

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
        #expect(delta.minorFaults == 0)
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
        _ = statMinorFaults()
        let pages = 64
        let length = pages * 4096
        let probe = Probe()
        let procBefore = statMinorFaults()
        let start = probe.snapshot()
        let mapping = try #require(mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        for page in 0..<pages { mapping.storeBytes(of: 1, toByteOffset: page * 4096, as: UInt8.self) }
        let delta = Delta(from: start, to: probe.closingSnapshot())
        let procAfter = statMinorFaults()
        munmap(mapping, length)
        #expect(delta.minorFaults >= 1)
        #expect(procAfter - procBefore == delta.minorFaults)
    }

    @Test func aMissingProcGivesOneLineReasonAndNoCounters() {
        let probe = Probe(procRoot: "/nonexistent-proc")
        let reason = probe.unavailable?.reason ?? ""
        #expect(reason == "cannot open /nonexistent-proc/thread-self/io: No such file or directory (is /proc mounted?)")
        let start = probe.snapshot()
        let delta = Delta(from: start, to: probe.snapshot())
        #expect(delta.io == nil)
        #expect(delta.wallNanoseconds >= 0)
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
