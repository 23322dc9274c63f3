import Glibc
import Testing
import ZeroCopy

/// The io_uring demos: one io_uring_enter per wave of `queue` chunks, exactly, however the
/// size divides; every operation counted from its completion; the bytes verified at the far end.
@Suite struct RingTechniqueTests {
    struct Case: Sendable, CustomStringConvertible {
        let demo: Demo
        let size: Int
        let buffer: Int
        let queue: Int
        let sink: SinkKind
        var description: String { "\(demo.id) \(size)/\(buffer) ×\(queue) → \(sink.rawValue)" }
        /// ⌈size / buffer⌉ chunks, ⌈chunks / queue⌉ waves.
        var chunks: Int { (size + buffer - 1) / buffer }
        var waves: Int { (chunks + queue - 1) / queue }
    }

    static let cases: [Case] = [
        Case(demo: .uringRead, size: 1 << 20, buffer: 64 << 10, queue: 1, sink: .null),
        Case(demo: .uringRead, size: 1_000_003, buffer: 100_000, queue: 5, sink: .file),
        Case(demo: .uringFixed, size: 1 << 20, buffer: 64 << 10, queue: 8, sink: .null),
        Case(demo: .uringFixed, size: 1_000_003, buffer: 64 << 10, queue: 64, sink: .file),
        Case(demo: .uringSplice, size: 1_000_003, buffer: 64 << 10, queue: 3, sink: .socket),
        Case(demo: .uringSplice, size: 1 << 20, buffer: 16 << 10, queue: 8, sink: .file),
        Case(demo: .uringSendZc, size: 1_000_003, buffer: 64 << 10, queue: 4, sink: .socket),
    ]

    func run(_ c: Case) throws -> (TransferReport, Verification) {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: c.size)
        let sink = try Sink.open(c.sink, in: workspace, peerWindow: UnmeasuredWindow())
        let report = try c.demo.transfer(
            Transfer(sample: sample, sink: sink, buffer: c.buffer, window: UnmeasuredWindow(), workspace: workspace, queue: c.queue))
        return (report, try sink.verify(against: sample))
    }

    @Test(arguments: cases)
    func oneEnterPerWaveAndEveryOperationCompletes(_ c: Case) throws {
        let (report, verification) = try run(c)
        #expect(verification.passed, "\(verification)")
        #expect(verification.bytes == c.size)
        let ring = try #require(report.ring)
        #expect(report.calls == c.waves)
        #expect(ring.enters == c.waves)
        #expect(ring.queue == c.queue)
        #expect(ring.failed == 0)
        // Two operations a chunk (a read and its write, two splices), or one send.
        let perChunk = c.demo == .uringSendZc ? 1 : 2
        #expect(ring.submitted == perChunk * c.chunks)
        #expect(ring.completed == ring.submitted)
        #expect(ring.opcodes.map(\.submitted).reduce(0, +) == ring.submitted)
    }

    @Test func eachDemoUsesItsOwnOpcodes() throws {
        func names(_ demo: Demo, _ sink: SinkKind) throws -> [String: Int] {
            let (report, _) = try run(Case(demo: demo, size: 1 << 20, buffer: 64 << 10, queue: 4, sink: sink))
            let ring = try #require(report.ring)
            return Dictionary(uniqueKeysWithValues: ring.opcodes.map { ($0.name, $0.submitted) })
        }
        #expect(try names(.uringRead, .null) == ["READ": 16, "WRITE": 16])
        #expect(try names(.uringFixed, .file) == ["READ_FIXED": 16, "WRITE_FIXED": 16])
        #expect(try names(.uringSplice, .null) == ["SPLICE": 32])
        #expect(try names(.uringSendZc, .socket) == ["SEND_ZC": 16])
    }

    /// On loopback the kernel copies a zero-copy send after all, and says so in each notification.
    @Test func everySendZcHasANotificationAndLoopbackCopies() throws {
        let (report, verification) = try run(Case(demo: .uringSendZc, size: 4 << 20, buffer: 256 << 10, queue: 8, sink: .socket))
        let ring = try #require(report.ring)
        #expect(ring.submitted == 16)
        #expect(ring.notifications == 16)
        #expect(ring.zerocopyCopied == 16)
        #expect(verification.checksum == SampleFile.checksum(count: 4 << 20))
        #expect(report.notes.contains { $0.contains("16 of 16 notifications flagged IORING_NOTIF_USAGE_ZC_COPIED") })
    }

    /// A pipe of 64 KiB (16 pages) holds a page-aligned chunk of 64 KiB, but a chunk of 65,000
    /// bytes that starts inside a page may span 17 pages: the chunk shrinks by a page, so that no
    /// splice comes up short and cancels the rest of its chain.
    @Test func aSpliceChunkNeverSpansMorePagesThanThePipeHolds() throws {
        #expect(UringSplice.chunk(buffer: 64 << 10, pipe: 64 << 10) == 64 << 10)
        #expect(UringSplice.chunk(buffer: 65_000, pipe: 64 << 10) == 60 << 10)
        #expect(UringSplice.chunk(buffer: 60_000, pipe: 64 << 10) == 60_000)
        #expect(UringSplice.chunk(buffer: 1000, pipe: 64 << 10) == 1000)
        let (report, verification) = try run(Case(demo: .uringSplice, size: 1_000_003, buffer: 65_000, queue: 4, sink: .file))
        #expect(verification.passed)
        #expect(report.ring?.failed == 0)
    }

    /// The C loops hold the same waves: their io_uring_enter count is the Swift demo's, also at
    /// depths the catalog test does not use.
    @Test(arguments: [1, 7, 64])
    func theCLoopsMakeTheSameEnters(queue: Int) throws {
        for demo in [Demo.uringRead, .uringFixed, .uringSplice, .uringSendZc] {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: 1_000_003)
            for kind in demo.sinks {
                let sink = try Sink.open(kind, in: workspace, peerWindow: UnmeasuredWindow())
                let transfer = Transfer(
                    sample: sample, sink: sink, buffer: 32 << 10, window: UnmeasuredWindow(), workspace: workspace, queue: queue)
                let calls = try demo.runYardstick(transfer).calls
                #expect(try sink.verify(against: sample).passed, "\(demo.id) → \(kind.rawValue)")
                #expect(calls == (31 + queue - 1) / queue, "\(demo.id) → \(kind.rawValue) at \(queue)")
            }
        }
    }
}
