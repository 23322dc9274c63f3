import Foundation
import Glibc
import Testing

/// What the tour says about a run's circumstances is what the kernel did: the user/system split
/// only where it can be split, O_DIRECT refused only where the kernel refuses it, and a cold run
/// called cold only when its pages were dropped.
@Suite struct SmallTruthsTests {
    /// Too short to split on screen is null in the JSON, with the reason beside it.
    @Test func aShortWindowHasNoUserSystemSplitInTheJSON() throws {
        let result = try Zctour.run(["run", "read-write", "--size", "1M", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let counters = try #require((result.json?["run"] as? [String: Any])?["counters"] as? [String: Any])
        #expect(counters["utime_ns"] is NSNull)
        #expect(counters["stime_ns"] is NSNull)
        #expect((counters["cpu_split_unavailable"] as? String)?.hasPrefix("too short to split") == true)
        #expect((counters["cpu_ns"] as? Int ?? 0) > 0)
        let text = try Zctour.run(["run", "read-write", "--size", "1M"])
        #expect(text.stdout.contains("too short to split"))
    }

    /// A read loop reads a file of any size with O_DIRECT, its last read short (as the kernel
    /// allows: each request is a whole, aligned buffer); pread asks for the whole file at once,
    /// sendfile for what is left in its last call, and for those an unaligned size is refused,
    /// naming the call.
    @Test func directRefusesOnlyWhatTheKernelRefuses() throws {
        let loop = try Zctour.run(["run", "read-write", "--size", "1000003", "--buffer", "4K", "--direct", "--json"])
        #expect(loop.termination == .exited(0), "\(loop.stderr)")
        let run = try #require(loop.json?["run"] as? [String: Any])
        #expect(run["bytes"] as? Int == 1_000_003)
        #expect(run["verified"] as? Bool == true)
        #expect((run["counters"] as? [String: Any])?["syscr"] as? Int == 246)  // 245 reads with data, one at the end

        let whole = try Zctour.run(["run", "pread", "--size", "1000003", "--direct"])
        #expect(whole.termination == .exited(2))
        #expect(whole.stderr.contains("--direct: pread(2) asks for the whole file (--size) in one request"), "\(whole.stderr)")
        #expect(whole.stderr.contains("1000003 is not, so the kernel would refuse it (EINVAL)"))
        #expect(whole.stderr.split(separator: "\n").count == 1)

        let rest = try Zctour.run(["run", "sendfile", "--size", "1000003", "--buffer", "64K", "--direct", "--to", "null"])
        #expect(rest.termination == .exited(2))
        #expect(rest.stderr.contains("sendfile(2) asks for what is left of the file in its last call"), "\(rest.stderr)")
        #expect(rest.stderr.contains("; 16963 is not"), "\(rest.stderr)")  // 1,000,003 - 15 × 65,536
        let one = try Zctour.run(["run", "sendfile", "--size", "1000003", "--direct", "--to", "null"])
        #expect(one.termination == .exited(2))
        #expect(one.stderr.contains("sendfile(2) asks for the whole file (--size) in one call"), "\(one.stderr)")
        let aligned = try Zctour.run(["run", "sendfile", "--size", "1000448", "--buffer", "64K", "--direct", "--to", "null"])
        #expect(aligned.termination == .exited(0), "\(aligned.stderr)")

        let buffer = try Zctour.run(["run", "read-write", "--size", "1M", "--buffer", "1000", "--direct"])
        #expect(buffer.termination == .exited(2))
        #expect(buffer.stderr.contains("read(2) asks for --buffer bytes every time"), "\(buffer.stderr)")
    }

    /// tmpfs keeps its files in memory: a --cold run there is not called cold.
    @Test func aColdRunOnTmpfsIsNotCalledCold() throws {
        guard (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8))?.contains(" /dev/shm tmpfs ") == true else { return }
        let scratch = "/dev/shm/zctour-cold-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try Zctour.run(["run", "read-write", "--size", "1M", "--cold"], environment: ["TMPDIR": scratch])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let heading = try #require(result.stdout.split(separator: "\n").first)
        #expect(!heading.contains("cold cache"), "\(heading)")
        #expect(heading.contains("tmpfs cannot be dropped"), "\(heading)")
    }
}
