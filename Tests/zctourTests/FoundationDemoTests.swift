import Foundation
import Testing

/// Swift's own stack, counted: what Foundation calls on Linux (swift-foundation and
/// swift-corelibs-foundation 6.3.1), as the traced window and /proc see it, with the block size
/// taken from the run (the source's st_blksize), never assumed.
@Suite struct FoundationDemoTests {
    func traced(_ arguments: [String]) throws -> (run: [String: Any], calls: [String: Int], counters: [String: Any]) {
        let result = try Zctour.run(["trace"] + arguments + ["--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let run = try #require(result.json?["run"] as? [String: Any])
        let table = try #require(run["syscalls"] as? [String: [String: Int]], "\(run)")
        #expect(run["verified"] as? Bool == true)
        return (run, table.compactMapValues { $0["calls"] }, try #require(run["counters"] as? [String: Any]))
    }

    @Test func copyItemIsOneSendfilePerBlockAndNothingThroughUserSpace() throws {
        let (run, calls, counters) = try traced(["foundation-copy", "--size", "1M"])
        let block = try #require(run["block_size"] as? Int)
        #expect(calls["sendfile"] == (1 << 20) / block)
        #expect(counters["syscr"] as? Int == (1 << 20) / block)
        for copying in ["read", "write", "pread64", "pwrite64", "copy_file_range", "mmap"] { #expect(calls[copying] == nil, "\(copying)") }
        #expect(run["calls"] as? Int == 0)  // Foundation's calls are not zctour's to count
    }

    @Test func dataReadsTheWholeFileInOneReadUnlessAlwaysMapped() throws {
        let plain = try traced(["foundation-data", "--size", "2M"])
        #expect(plain.calls["read"] == 1)
        #expect(plain.counters["syscr"] as? Int == 1)
        let ifSafe = try traced(["foundation-if-safe", "--size", "2M"])
        #expect(ifSafe.calls["read"] == 1)
        let mapped = try traced(["foundation-mapped", "--size", "2M"])
        #expect(mapped.calls["read"] == nil)
        #expect(mapped.counters["syscr"] as? Int == 0)
        #expect(mapped.counters["rchar"] as? Int == 0)
        #expect((mapped.calls["mmap"] ?? 0) >= 1)
    }

    @Test func fileHandleReadsOneBlockPerCallAndWritesOneChunkPerCall() throws {
        let (run, calls, _) = try traced(["filehandle", "--size", "1M", "--buffer", "64K", "--to", "file"])
        let block = try #require(run["block_size"] as? Int)
        #expect(calls["read"] == (1 << 20) / block + 1)
        #expect(calls["write"] == 16)
    }
}
