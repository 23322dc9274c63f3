import Foundation
import Testing
import Tour

@Suite struct ClaimTests {
    func record(_ label: String, syscr: Int?, size: Int = 1 << 20, buffer: Int = 4096, sink: String = "null") throws -> RunRecord {
        let json = """
            {"demo":"read-write","label":"\(label)","size":\(size),"buffer":\(buffer),"sink":"\(sink)","repeat":1,"cold":false,"direct":false,
             "bytes":\(size),"verified":true,"verification":"","calls":0,"wall_ns":1,"wall_ns_runs":[1],
             "counters":{"syscr":\(syscr.map(String.init) ?? "null"),"syscw":256,"rchar":1,"wchar":1,"read_bytes":0,"write_bytes":0,
               "minflt":0,"majflt":0,"voluntary_ctxt_switches":0,"nonvoluntary_ctxt_switches":0,"cpu_ns":0,"utime_ns":0,"stime_ns":0,
               "peak_rss_bytes":0,"wall_ns":1},
             \(syscr == nil ? "\"counters_unavailable\":\"no /proc\"," : "")
             "allocations":{"count":1,"bytes":4096},"notes":[]}
            """
        return try JSONDecoder().decode(RunRecord.self, from: Data(json.utf8))
    }

    @Test func arithmeticBindsProductsFirst() throws {
        let check = try Claim.parse("read-write.syscr == read-write.size / read-write.buffer + 1")
        #expect(check.evaluate([try record("read-write", syscr: 257)]) == .passed(left: 257, right: 257))
        #expect(check.evaluate([try record("read-write", syscr: 258)]) == .failed(left: 258, right: 257))
        #expect(try Claim.parse("2 + 3 * 4 == 14").evaluate([]) == .passed(left: 14, right: 14))
        #expect(try Claim.parse("10 - 2 - 3 == 5").evaluate([]) == .passed(left: 5, right: 5))
        #expect(try Claim.parse("1M / 4K >= 256").evaluate([]) == .passed(left: 256, right: 256))
    }

    /// Arithmetic that does not fit a 64-bit integer is a mistake in the check: it wrapped, and
    /// `copy.size * 9223372036854775807` was "measured -4,096" (issue 13).
    @Test func overflowIsInvalidNeverWrapped() throws {
        let records = [try record("read-write", syscr: 257, size: 4096)]
        let outcome = try Claim.parse("read-write.size * 9223372036854775807 == 1").evaluate(records)
        #expect(outcome == .invalid("4,096 * 9,223,372,036,854,775,807 does not fit in a 64-bit integer"))
        if case .invalid = try Claim.parse("9223372036854775807 + 1 > 0").evaluate([]) {} else { Issue.record("a sum wrapped") }
        if case .invalid = try Claim.parse("0 - 9223372036854775807 - 2 < 0").evaluate([]) {} else { Issue.record("a difference wrapped") }
        #expect(try Claim.parse("9223372036854775807 - 1 > 0").evaluate([]) == .passed(left: Int.max - 1, right: 0))
    }

    @Test func rowsAreFoundByLabelThenByDemo() throws {
        let records = [try record("read-write@4K", syscr: 257), try record("read-write@64K", syscr: 17)]
        #expect(try Claim.parse("read-write@4K.syscr == 257").evaluate(records) == .passed(left: 257, right: 257))
        #expect(try Claim.parse("read-write.syscr == 17").evaluate(records) == .passed(left: 17, right: 17))
    }

    /// A challenge with several jobs checks each on the latest run into its sink.
    @Test func lastSinkIsTheLatestRunIntoThatSink() throws {
        let records = [
            try record("read-write", syscr: 1, sink: "file"), try record("read-write", syscr: 2, sink: "socket"),
            try record("read-write", syscr: 3, sink: "file"),
        ]
        #expect(try Claim.parse("last-file.syscr == 3").evaluate(records) == .passed(left: 3, right: 3))
        #expect(try Claim.parse("last-socket.syscr == 2").evaluate(records) == .passed(left: 2, right: 2))
        #expect(try Claim.parse("last.syscr == 3").evaluate(records) == .passed(left: 3, right: 3))
        #expect(try Claim.parse("last-null.syscr == 0").evaluate(records) == .invalid("no run of 'last-null' before this check"))
        let lint = LessonLint.problems(in: [
            (
                "1-sinks.md",
                "---\nid: s\nnumber: 1\ntitle: S\n---\n\n```zctour\nrun read-write\nexpect last-file.syscr >= 0\nexpect last-disk.syscr >= 0\n```\n\n## Sources\n\n- proc(5)\n"
            )
        ])
        #expect(lint.map(\.description) == ["1-sinks.md:10: 'last-disk.syscr': unknown demo 'last-disk'"])
    }

    @Test func unavailableCountersAreNotFailures() throws {
        let outcome = try Claim.parse("read-write.syscr == 257").evaluate([try record("read-write", syscr: nil)])
        #expect(outcome == .unavailable("no /proc"))
    }

    @Test func mistakesInALessonAreInvalidNotFalse() throws {
        #expect(try Claim.parse("mmap.syscr == 0").evaluate([]) == .invalid("no run of 'mmap' before this check"))
        if case .invalid(let reason) = try Claim.parse("read-write.nonsense == 0").evaluate([try record("read-write", syscr: 1)]) {
            #expect(reason.hasPrefix("'nonsense' is not a field of a read-write run"))
        } else {
            Issue.record("an unknown field must be invalid")
        }
        #expect(throws: UsageError.self) { try Claim.parse("read-write.syscr 257") }
        #expect(throws: UsageError.self) { try Claim.parse("read-write.syscr==257") }
        #expect(throws: UsageError.self) { try Claim.parse("x == 1") }
    }

    /// A demo this machine refused (io_uring disabled) makes the checks on it unavailable, rows
    /// and `last` included, while a check on a run that is simply missing stays a lesson's mistake.
    @Test func checksOnARefusedDemoAreUnavailable() throws {
        let refused = [DemoRefusal(demo: "uring-read", reason: "io_uring is disabled")]
        let records = [try record("read-write", syscr: 257)]
        let unavailable = Claim.Outcome.unavailable("uring-read could not run here: io_uring is disabled")
        #expect(try Claim.parse("uring-read.calls < read-write.calls").evaluate(records, refusals: refused) == unavailable)
        #expect(try Claim.parse("uring-read@64K.calls == 32").evaluate(records, refusals: refused) == unavailable)
        #expect(try Claim.parse("last.ring.enters <= 4").evaluate([], refusals: refused) == unavailable)
        #expect(try Claim.parse("read-write.syscr == 257").evaluate(records, refusals: refused) == .passed(left: 257, right: 257))
        #expect(
            try Claim.parse("uring-fixed.calls == 32").evaluate(records, refusals: refused)
                == .invalid("no run of 'uring-fixed' before this check"))
        #expect(
            try Claim.parse("uring-read.calls == 32").evaluate(records) == .invalid("no run of 'uring-read' before this check"))
    }
}
