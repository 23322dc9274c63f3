import Glibc
import Testing
import ZeroCopy

/// What mappings hold: the leak and its fix verify and count their windows; a deleted, mapped
/// file keeps its space until munmap.
@Suite(.serialized) struct MappingTests {
    func run(_ demo: Demo, size: Int, buffer: Int) throws -> TransferReport {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: size)
        let sink = try Sink.open(.null, in: workspace, peerWindow: UnmeasuredWindow())
        let report = try demo.transfer(
            Transfer(sample: sample, sink: sink, buffer: buffer, window: UnmeasuredWindow(), workspace: workspace))
        #expect(try sink.verify(against: sample).checksum == sample.checksum)
        return report
    }

    /// The exact counts of mappings are the binary's tests (zctourTests, MappingRunTests): this
    /// process runs other tests at the same time, whose threads and buffers map memory too.
    @Test func theLeakCountsItsWindows() throws {
        let leak = try #require(try run(.mmapLeak, size: 16 << 20 | 100, buffer: 1 << 20).mappings)
        #expect(leak.windows == 17)
        #expect(leak.after.mappings > leak.before.mappings)
        let fixed = try #require(try run(.mmapDefer, size: 16 << 20 | 100, buffer: 1 << 20).mappings)
        #expect(fixed.windows == 17)
    }

    /// When the file went is inotify's to say (IN_DELETE_SELF, this file's alone): at the
    /// munmap, not at the unlink. The free space is the whole filesystem's, which other tests
    /// and programs write to during the munmap's tens of milliseconds (once it "freed" 91 MiB of
    /// 256, once less than nothing), so of it only the unlink's share is asked: not half.
    @Test func aDeletedMappedFileKeepsItsSpaceUntilMunmap() throws {
        let size = 64 << 20
        let report = try run(.mmapUnlinked, size: size, buffer: size)
        let space = try #require(report.space)
        #expect(!space.inodeGoneAtUnlink)
        #expect(space.inodeGoneAtUnmap)
        #expect(space.freedAtUnlink < size / 2)
        #expect(report.notes.contains { $0.contains("deleted-while-mapped.bin (deleted)") })
    }

    @Test func windowsMustStartOnPageBoundaries() {
        #expect(Demo.mmapWindow.problem(size: 1 << 20, buffer: 5000)?.contains("multiple of the page size (4096 bytes)") == true)
        #expect(Demo.mmapWindow.problem(size: 1 << 20, buffer: 8192) == nil)
        #expect(Demo.mmapLeak.problem(size: 1 << 30, buffer: 4096)?.contains("262144 windows") == true)
    }
}
