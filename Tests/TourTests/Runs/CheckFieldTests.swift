import Foundation
import TestSupport
import Testing
import Tour

/// The check fields are one table: every field the error message lists reads a value from a
/// run that has it, lint accepts it, and nothing is accepted that the list leaves out.
@Suite struct CheckFieldTests {
    /// The recorded sendfile run, given everything a field can come from: steps, a trace, the
    /// zerocopy completions, a cold page cache, copied bytes and a ring's completions.
    func fullRecord() throws -> RunRecord {
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.file("sendfile-run.json"))) as? [String: Any])
        object["steps"] = [["id": "slice", "code": "", "shared": true, "bytes": 7, "allocations": 0, "allocated_bytes": 0]]
        object["syscalls"] = ["read": ["calls": 3, "errors": 1]]
        object["zerocopy_completions"] = ["notifications": 1, "sends_completed": 2, "sends_copied": 2]
        object["page_cache"] = ["pages": 4, "resident_before": 4, "resident_after": 0]
        object["copied_bytes"] = 0
        object["queue"] = 8
        object["ring"] = [
            "queue": 8, "enters": 2, "submitted": 16, "completed": 16, "failed": 0, "notifications": 8, "zc_copied": 8,
            "opcodes": [["name": "READ", "submitted": 16, "completed": 16, "failed": 0]],
        ]
        object["http"] = [
            "url": "http://127.0.0.1:1/f", "client": "thread",
            "exchange": [
                "status": 200, "head_bytes": 150, "body_bytes": 7, "request_bytes": 80, "request_reads": 1, "head_writes": 1,
                "body_calls": 1,
            ],
        ]
        object["residency"] = ["peak_bytes": 2 << 20, "growth_bytes": 1 << 20]
        let census: [String: Any] = ["mappings": 100, "address_space": 1 << 30, "page_tables": 1 << 16]
        object["mappings"] = ["windows": 2, "before": census, "after": census]
        object["space"] = [
            "filesystem": "ext4", "before_unlink": 1, "after_unlink": 1, "before_munmap": 1, "after_munmap": 9,
            "inode_gone_at_unlink": false, "inode_gone_at_munmap": true,
        ]
        object["block_size"] = 4096
        return try JSONDecoder().decode(RunRecord.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// The name with its placeholders filled in: STEP by the step above, NAME by a syscall,
    /// OPCODE by a ring opcode.
    func example(_ name: String) -> String {
        name.replacingOccurrences(of: "STEP", with: "slice").replacingOccurrences(of: "NAME", with: "read")
            .replacingOccurrences(of: "OPCODE", with: "READ")
    }

    @Test func everyListedFieldReadsAValue() throws {
        let record = try fullRecord()
        for name in CheckField.names {
            guard case .value = record.field(example(name)) else {
                Issue.record("\(example(name)) (\(name)) reads \(record.field(example(name)))")
                continue
            }
        }
        #expect(record.field("slice.bytes") == .value(7))
        #expect(record.field("syscalls.read.errors") == .value(1))
        #expect(record.field("syscalls.total") == .value(3))
        #expect(record.field("ring.READ") == .value(16))
        #expect(record.field("ring.write_fixed") == .value(0))
        #expect(record.field("ring.NONSENSE") == .unknown)
        #expect(record.field("queue") == .value(8))
    }

    @Test func lintAcceptsEveryListedFieldAndSuggestsTheNearestForATypo() {
        let checks = CheckField.names.map { "expect last.\(example($0)) >= 0" }.joined(separator: "\n")
        let lesson =
            "---\nid: fields\nnumber: 1\ntitle: Fields\n---\n\n# Fields\n\n```zctour\nrun cow\n\(checks)\n```\n\n## Sources\n\n- proc(5)\n"
        #expect(LessonLint.problems(in: [("01-fields.md", lesson)]).map(\.description) == [])
        let typo = lesson.replacingOccurrences(of: "expect last.syscr >= 0", with: "expect last.sysrc >= 0")
        #expect(
            LessonLint.problems(in: [("01-fields.md", typo)]).map(\.description).contains {
                $0.hasSuffix("'last.sysrc' names an unknown counter 'sysrc'; did you mean 'syscr'?")
            })
    }

    /// An unknown field is a mistake in the lesson, and the message lists the fields there are:
    /// every one, the step fields included (STEP.bytes was once accepted but left out).
    @Test func anUnknownFieldListsTheFields() throws {
        let outcome = try Claim.parse("sendfile.nonsense == 0").evaluate([try fullRecord()])
        guard case .invalid(let reason) = outcome else {
            Issue.record("an unknown field must be invalid, not \(outcome)")
            return
        }
        let listed = reason.components(separatedBy: "; fields: ").last?.split(separator: " ").map(String.init) ?? []
        #expect(listed == CheckField.names)
        #expect(listed.contains("STEP.bytes"))
        #expect(try fullRecord().field("nonsense") == .unknown)
    }
}
