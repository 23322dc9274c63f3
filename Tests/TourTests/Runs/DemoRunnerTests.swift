import Glibc
import Testing
import Tour
import ZeroCopy

/// The exact counts the lessons teach, measured through the same session the CLI uses.
@Suite struct DemoRunnerTests {
    func run(_ demo: Demo, size: String? = "1M", buffer: String? = nil, to sink: SinkKind? = nil) throws -> RunRecord {
        let runner = DemoRunner()
        defer { runner.close() }
        let settings = try RunSettings(
            demo: demo, size: try size.map { try ByteSize.parse($0) }, buffer: try buffer.map { try ByteSize.parse($0) },
            sink: sink, repeatCount: 1, cold: false)
        return try runner.run(settings)
    }

    @Test func readWriteOf1MiBWith4KiBIs257ReadsAnd256Writes() throws {
        let record = try run(.readWrite, buffer: "4K", to: .null)
        #expect(record.counters.syscr == 257)
        #expect(record.counters.syscw == 256)
        #expect(record.counters.rchar == 1 << 20)
        #expect(record.counters.wchar == 1 << 20)
        #expect(record.verified && record.bytes == 1 << 20)
        #expect(record.allocations.count == 1)
    }

    @Test func readWriteOf1MiBWith64KiBIs17ReadsAnd16Writes() throws {
        let record = try run(.readWrite, buffer: "64K", to: .null)
        #expect(record.counters.syscr == 17)
        #expect(record.counters.syscw == 16)
    }

    @Test func allocatingLoopAllocatesOncePerRead() throws {
        let record = try run(.readWriteAlloc, buffer: "4K", to: .null)
        #expect(record.counters.syscr == 257)
        #expect(record.allocations.count == 257)
        // Each array is its 4 KiB of elements plus Swift's small header.
        #expect(record.allocations.bytes >= 257 * 4096)
        #expect(record.allocations.bytes < 257 * (4096 + 64))
    }

    @Test func mmapMakesNoReadTypeSyscall() throws {
        let record = try run(.mmap, size: "4M", to: .null)
        #expect(record.counters.syscr == 0)
        #expect(record.counters.rchar == 0)
        #expect(record.counters.minflt > 0)
        #expect(record.counters.minflt < 1024)  // fewer faults than pages: fault-around
        #expect(record.verified)
    }

    @Test func mmapCopyCopiesButDoesNotRead() throws {
        let record = try run(.mmapCopy, size: "4M", buffer: "64K", to: .null)
        #expect(record.counters.syscr == 0)
        #expect(record.counters.syscw == 64)
    }

    @Test func preadReadsTheWholeFileInOneCall() throws {
        let record = try run(.pread, size: "4M", to: .null)
        #expect(record.counters.syscr == 1)
        #expect(record.counters.rchar == 4 << 20)
        // Its faults depend on whether malloc hands out fresh pages (see the end-to-end test).
    }

    @Test func sendfileIsOneReadAndOneWritePerCallAndTheReceiverAgrees() throws {
        let record = try run(.sendfile, size: "8M", buffer: "1M", to: .socket)
        #expect(record.calls == 8)
        #expect(record.counters.syscr == 8)
        #expect(record.counters.syscw == 8)
        #expect(record.counters.rchar == 8 << 20)
        #expect(record.counters.wchar == 8 << 20)
        #expect(record.verification == Verification.Method.receiver.rawValue)
        #expect(record.checksum == SampleFile.checksum(count: 8 << 20).hex)
        let peer = try #require(record.peer)
        #expect(peer.rchar == 8 << 20)
        #expect((peer.syscr ?? 0) >= (8 << 20) / LoopbackReadSize.bytes)  // reads of at most 256 KiB each, plus end of stream
    }

    @Test func aFileSinkIsReadBackAfterTheWindow() throws {
        let record = try run(.readWrite, buffer: "64K", to: .file)
        #expect(record.counters.syscr == 17)  // the read-back is not counted
        #expect(record.verification == Verification.Method.readBack.rawValue)
    }

    @Test func copyAllocatesPerPieceAndSliceNever() throws {
        let copy = try run(.copy, size: "1M", buffer: "64K")
        let slice = try run(.slice, size: "1M", buffer: "64K")
        #expect(copy.allocations.count == 16)
        #expect(copy.copiedBytes == 1 << 20)
        #expect(slice.allocations.count == 0)
        #expect(slice.copiedBytes == 0)
        #expect(copy.counters.syscr == 0 && slice.counters.syscr == 0)
    }

    @Test func cowStepsShowWhereSwiftCopies() throws {
        let record = try run(.cow, size: nil, buffer: "64K").steps ?? []
        let byID = Dictionary(uniqueKeysWithValues: record.map { ($0.id, $0) })
        #expect(byID["slice"]?.allocations == 0)
        #expect(byID["view"]?.allocations == 0)
        #expect(byID["mutate-slice"]?.allocations == 1)
        // The copied half, plus the 32-byte header every Swift array storage has on 64-bit.
        #expect(byID["mutate-slice"]?.allocatedBytes == (32 << 10) + 32)
        #expect(byID["array-from-slice"]?.allocations == 1)
        #expect(byID["copy-then-mutate"]?.allocatedBytes == (64 << 10) + 32)
    }

    @Test func repeatKeepsTheMedianRunAndEveryTime() throws {
        let runner = DemoRunner()
        defer { runner.close() }
        let record = try runner.run(try RunSettings(demo: .readWrite, size: 1 << 20, buffer: 4096, sink: nil, repeatCount: 3, cold: false))
        #expect(record.wallNanosecondsAll.count == 3)
        #expect(record.wallNanosecondsAll.sorted()[1] == record.wallNanoseconds)
        #expect(record.counters.syscr == 257)
    }

    @Test func closingTheSessionRemovesItsFiles() throws {
        let runner = DemoRunner()
        _ = try runner.run(try RunSettings(demo: .readWrite, size: 4096, buffer: nil, sink: .file, repeatCount: nil, cold: false))
        let directory = try #require(runner.samples.directory)
        runner.close()
        #expect(access(directory, F_OK) != 0)
    }

    @Test func withoutProcTheDemoRunsAndSaysWhy() throws {
        let runner = DemoRunner(procRoot: "/nonexistent-proc")
        defer { runner.close() }
        let record = try runner.run(
            try RunSettings(demo: .readWrite, size: 1 << 20, buffer: 4096, sink: nil, repeatCount: nil, cold: false))
        #expect(record.verified)
        #expect(record.counters.syscr == nil)
        #expect(record.countersUnavailable?.hasPrefix("cannot open /nonexistent-proc/thread-self/io") == true)
        #expect(record.allocations.count == 1)  // still measured: not from /proc
    }
}

/// The receiver reads at most 256 KiB at a time.
enum LoopbackReadSize { static let bytes = 256 << 10 }
