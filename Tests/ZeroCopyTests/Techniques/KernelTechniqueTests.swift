import Glibc
import Testing
import ZeroCopy

/// The techniques that keep bytes in the kernel: exact call counts where the kernel makes them
/// deterministic, and verified bytes at the far end.
@Suite struct KernelTechniqueTests {
    func transfer(_ demo: Demo, size: Int, buffer: Int, sink kind: SinkKind, direct: Bool = false)
        throws -> (TransferReport, Verification)
    {
        let workspace = try Workspace()
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: size)
        let sink = try Sink.open(kind, in: workspace, peerWindow: UnmeasuredWindow())
        let report = try demo.transfer(
            Transfer(
                sample: sample, sink: sink, buffer: buffer, window: UnmeasuredWindow(),
                direct: direct, workspace: workspace))
        return (report, try sink.verify(against: sample))
    }

    @Test func spliceToNullIsOneFillAndOneDrainPerChunk() throws {
        let (report, verification) = try transfer(.splice, size: 1 << 20, buffer: 64 << 10, sink: .null)
        #expect(report.calls == 32)
        #expect(verification.bytes == 1 << 20)
        #expect(verification.method == .byteCountOnly)
    }

    @Test func teeDuplicatesEveryChunkAndBothCopiesArrive() throws {
        let (report, verification) = try transfer(.tee, size: 1 << 20, buffer: 64 << 10, sink: .file)
        // Per chunk: splice in, tee, splice to the second file, splice to the sink.
        #expect(report.calls == 16 * 4)
        #expect(verification.checksum == SampleFile.checksum(count: 1 << 20))
        #expect(report.notes.first?.contains("verified by reading it back") == true)
    }

    @Test func copyFileRangeMakesOneCallPerBufferAndSaysWhatTheFilesystemDid() throws {
        let (report, verification) = try transfer(.copyFileRange, size: 16 << 20, buffer: 1 << 20, sink: .file)
        #expect(report.calls == 16)
        #expect(verification.passed)
        #expect(verification.checksum == SampleFile.checksum(count: 16 << 20))
        #expect(report.notes.contains { $0.contains("reflink") || $0.contains("copied the data inside the kernel") })
    }

    @Test func everyZeroCopySendIsReportedCompleteAndLoopbackCopies() throws {
        let (report, verification) = try transfer(.msgZerocopy, size: 4 << 20, buffer: 256 << 10, sink: .socket)
        let completions = try #require(report.completions)
        // 16 pieces; a send the kernel takes only in part (its option memory for notifications
        // ran short under load) leaves the rest to one more send, reported like the others.
        #expect(completions.sendsCompleted >= 16 && completions.sendsCompleted <= 20, "\(completions)")
        #expect(completions.notifications >= 1 && completions.notifications <= completions.sendsCompleted)
        // Loopback has no device to read the pages from: the kernel copies and says so.
        #expect(completions.sendsCopied == completions.sendsCompleted)
        #expect(verification.checksum == SampleFile.checksum(count: 4 << 20))
    }

    @Test func directReadsNeedAnAlignedBuffer() throws {
        #expect(throws: DirectIO.Misaligned.self) { try transfer(.readWrite, size: 1 << 20, buffer: 1000, sink: .null, direct: true) }
        let (report, verification) = try transfer(.readWrite, size: 1 << 20, buffer: 64 << 10, sink: .null, direct: true)
        #expect(report.calls == 17 + 16)
        #expect(verification.checksum == SampleFile.checksum(count: 1 << 20))
    }

    @Test func theMemcpyLimitCopiesEveryByteAndChecksTheLastChunk() throws {
        let verification = try MemoryLimit.copy(size: 3 << 20 | 5, window: UnmeasuredWindow())
        #expect(verification.bytes == 3 << 20 | 5)
        #expect(verification.passed)
    }
}
