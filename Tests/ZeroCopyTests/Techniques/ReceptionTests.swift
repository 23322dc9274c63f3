import Glibc
import Testing
import ZeroCopy

/// Network → file: the sample streamed by a sender thread over loopback arrives whole in the
/// file, and the read loop's calls are exact (SO_RCVLOWAT makes every read a full buffer).
@Suite struct ReceptionTests {
    func receive(_ demo: Demo, size: Int, buffer: Int, c: Bool = false) throws -> (TransferReport, Verification, Int) {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: size)
        let reception = try Reception(
            sample: sample, workspace: workspace, buffer: buffer, window: UnmeasuredWindow(), senderWindow: UnmeasuredWindow())
        let report = try c ? demo.runYardstick(reception) : demo.receive(reception)
        return (report, try reception.verify(), reception.lowWater)
    }

    @Test func theReadLoopIsAReadAndAWritePerBufferAndTheEndOfStream() throws {
        let (report, verification, lowWater) = try receive(.recvLoop, size: 4 << 20, buffer: 64 << 10)
        #expect(lowWater == 64 << 10)
        #expect(report.calls == 64 + 1 + 64)
        #expect(verification.passed && verification.checksum == SampleFile.checksum(count: 4 << 20))
        #expect(verification.method == .readBack)
    }

    @Test func aTailShorterThanTheBufferIsOneMoreRead() throws {
        let (report, verification, _) = try receive(.recvLoop, size: (1 << 20) + 100, buffer: 64 << 10)
        #expect(report.calls == 17 + 1 + 17)
        #expect(verification.bytes == (1 << 20) + 100 && verification.passed)
    }

    @Test func spliceMovesEveryByteIntoTheFile() throws {
        let (report, verification, _) = try receive(.recvSplice, size: 4 << 20, buffer: 64 << 10)
        // Each chunk in and out, and the splice that finds the end; a chunk may come in pieces.
        #expect(report.calls >= 2 * 64 + 1)
        #expect(verification.passed && verification.checksum == SampleFile.checksum(count: 4 << 20))
    }

    @Test(arguments: [Demo.recvLoop, .recvSplice])
    func theCLoopReceivesTheSame(demo: Demo) throws {
        let (swift, _, _) = try receive(demo, size: 2 << 20, buffer: 64 << 10)
        let (c, verification, _) = try receive(demo, size: 2 << 20, buffer: 64 << 10, c: true)
        #expect(verification.passed)
        if demo == .recvLoop { #expect(swift.calls == c.calls) }
    }
}
