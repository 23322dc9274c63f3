import Foundation
import Glibc
import Testing
import ZeroCopy

/// Every technique moves the real sample and the far end agrees on bytes and checksum.
@Suite struct ZeroCopyTests {
    static let size = 3 << 20 | 123  // not a multiple of any buffer, so tails are exercised

    @Test func theChecksumDoesNotDependOnChunking() {
        let bytes = SampleFile.bytes(count: 100_003)
        let whole = bytes.withUnsafeBytes { Checksum.of($0) }
        for chunk in [1, 7, 31, 32, 33, 4096] {
            var sum = Checksum()
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunk, bytes.count)
                bytes[offset..<end].withUnsafeBytes { sum.update($0) }
                offset = end
            }
            #expect(sum.value == whole, "chunk \(chunk)")
            #expect(sum.bytes == bytes.count)
        }
    }

    @Test func theChecksumSeesOneChangedByte() {
        var bytes = SampleFile.bytes(count: 4096)
        let before = bytes.withUnsafeBytes { Checksum.of($0) }
        bytes[1234] ^= 1
        #expect(bytes.withUnsafeBytes { Checksum.of($0) } != before)
    }

    /// What `create` wrote, read back from storage: the sample content byte for byte, across
    /// its 1 MiB chunks and an odd tail, and the checksum it reported is that of the file.
    @Test func theSampleFileHoldsTheSampleContent() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let size = (2 << 20) + 100_001
        let sample = try SampleFile.create(at: workspace.file("s.bin"), size: size)
        let onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: sample.path)))
        #expect(onDisk.count == size)
        let expected = SampleFile.bytes(count: size)
        let firstDifference = zip(onDisk, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "the file differs from the sample content at byte \(firstDifference ?? -1)")
        #expect(onDisk.withUnsafeBytes { Checksum.of($0) } == sample.checksum)
    }

    @Test(arguments: [Demo.readWrite, .readWriteAlloc, .pread, .mmap, .mmapCopy, .sendfile, .splice, .tee], SinkKind.allCases)
    func everyFileDemoDeliversVerifiedBytes(demo: Demo, sink: SinkKind) throws {
        let workspace = try Workspace()
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: Self.size)
        let destination = try Sink.open(sink, in: workspace, peerWindow: UnmeasuredWindow())
        let report = try demo.transfer(
            Transfer(
                sample: sample, sink: destination, buffer: 64 << 10, window: UnmeasuredWindow(),
                workspace: workspace))
        let verification = try destination.verify(against: sample)
        #expect(verification.passed)
        #expect(verification.bytes == Self.size)
        #expect(report.calls > 0)
        if [.sendfile, .splice, .tee].contains(demo) && sink == .null {
            #expect(verification.checksum == nil)
            #expect(verification.method == .byteCountOnly)
        } else {
            #expect(verification.checksum == sample.checksum)
        }
    }

    @Test func theReadWriteLoopMakesOneReadPerChunkPlusTheEndOfFileRead() throws {
        let workspace = try Workspace()
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: 1 << 20)
        let sink = try Sink.open(.null, in: workspace, peerWindow: UnmeasuredWindow())
        let report = try Demo.readWrite.transfer(
            Transfer(sample: sample, sink: sink, buffer: 4096, window: UnmeasuredWindow(), workspace: workspace))
        #expect(report.calls == 257 + 256)
    }

    @Test func sendfileMakesOneCallPerBufferSizedPiece() throws {
        let workspace = try Workspace()
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: 8 << 20)
        let sink = try Sink.open(.socket, in: workspace, peerWindow: UnmeasuredWindow())
        let report = try Demo.sendfile.transfer(
            Transfer(sample: sample, sink: sink, buffer: 1 << 20, window: UnmeasuredWindow(), workspace: workspace))
        #expect(report.calls == 8)
        #expect(try sink.verify(against: sample).checksum == sample.checksum)
    }

    @Test func aCorruptedDestinationFailsVerification() throws {
        let workspace = try Workspace()
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: 10_000)
        let wrong = Verification(
            bytes: 10_000, checksum: sample.checksum ^ 1, expectedBytes: 10_000,
            expectedChecksum: sample.checksum, method: .readBack)
        #expect(throws: VerificationFailed.self) { try wrong.require() }
        let short = Verification(
            bytes: 9_999, checksum: nil, expectedBytes: 10_000,
            expectedChecksum: sample.checksum, method: .byteCountOnly)
        #expect(!short.passed)
    }

    @Test func copiesAllocateAndSlicesShare() throws {
        let region = SampleFile.bytes(count: 1 << 20)
        let checksum = region.withUnsafeBytes { Checksum.of($0) }
        let copies = try Demo.copy.walk(region, piece: 64 << 10, expected: checksum, window: UnmeasuredWindow())
        let slices = try Demo.slice.walk(region, piece: 64 << 10, expected: checksum, window: UnmeasuredWindow())
        #expect(copies.verification.passed && slices.verification.passed)
        #expect(copies.pieces == 16 && slices.pieces == 16)
        #expect(copies.copiedBytes == 1 << 20 && copies.sharedPieces == 0)
        #expect(slices.copiedBytes == 0 && slices.sharedPieces == 16)
    }

    @Test func copyOnWriteSharesUntilMutationOrConversion() throws {
        let region = SampleFile.bytes(count: 64 << 10)
        let steps = try Cow.steps(on: region) { _ in UnmeasuredWindow() }
        let shared = Dictionary(uniqueKeysWithValues: steps.map { ($0.id, $0.shared) })
        #expect(steps.map(\.id) == Cow.stepIDs)
        #expect(
            shared == [
                "slice": true, "view": true, "mutate-slice": false, "array-from-slice": false,
                "string-decoding": false, "copy-then-mutate": false,
            ])
        #expect(region.withUnsafeBytes { Checksum.of($0) } == SampleFile.checksum(count: 64 << 10))
    }

    /// Signals are process-wide, so stopping a demo with one is tested on the real binary
    /// (zctourTests); here, that removing the workspace leaves nothing behind.
    @Test func removingTheWorkspaceLeavesNothing() throws {
        let workspace = try Workspace()
        let path = workspace.path
        _ = try SampleFile.create(at: workspace.file("sample.bin"), size: 1 << 20)
        let sink = try Sink.open(.file, in: workspace, peerWindow: UnmeasuredWindow())
        withExtendedLifetime(sink) { workspace.remove() }
        #expect(access(path, F_OK) != 0)
    }

    @Test func anUnwritableTemporaryDirectoryIsReportedWithTheFix() {
        #expect {
            _ = try Workspace(environment: "/nonexistent-tmp")
        } throws: { error in
            String(describing: error) == "cannot create a private temporary directory in /nonexistent-tmp: "
                + "ENOENT (No such file or directory); set TMPDIR to a writable directory"
        }
    }

    @Test func coldDropsTheSampleFromThePageCache() throws {
        let workspace = try Workspace()
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: 4 << 20)
        let drop = try sample.dropFromPageCache()
        #expect(drop.pages == 1024)
        #expect(drop.residentAfter <= drop.residentBefore)
    }
}
