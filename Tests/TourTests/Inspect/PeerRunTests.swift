import Foundation
import Probe
import Testing
import Tour

/// A lesson's checks on a built-in peer case: named by the case's id, read through the peer
/// fields; unavailable (never failed) when the program is missing; a call the default mode
/// does not stop at is unavailable rather than 0.
@Suite struct PeerRunTests {
    func copied() throws -> PeerRun {
        var process = Sketch.process(
            totals: (17, 1, (16 << 20) + 10_668, 16 << 20), execveOwn: (5, 0, 1_580, 0), copiesCounted: (1, 1, 16 << 20, 16 << 20),
            copies: [("copy_file_range", "/tmp/s", "/tmp/o", 2, 16 << 20)])
        process["syscalls"] = ["copy_file_range": ["calls": 2, "errors": 0], "ioctl": ["calls": 1, "errors": 1]]
        var inspection = try Sketch.inspection(mode: "default", processes: [process])
        inspection.stoppedCalls = [
            Inspection.StoppedCall(name: "copy_file_range", condition: nil), Inspection.StoppedCall(name: "ioctl", condition: "FICLONE*"),
        ]
        return PeerRun(id: "cp", size: 16 << 20, inspection: inspection, verification: nil, skipped: nil)
    }

    @Test func checksReadTheInspectionByThePeersId() throws {
        let run = try copied()
        #expect(try Claim.parse("cp.syscalls.copy_file_range == 2").evaluate([], peers: [run]) == .passed(left: 2, right: 2))
        #expect(try Claim.parse("cp.kernel_bytes == 16M").evaluate([], peers: [run]) == .passed(left: 16 << 20, right: 16 << 20))
        #expect(try Claim.parse("cp.syscr == 12").evaluate([], peers: [run]) == .passed(left: 12, right: 12))
        #expect(try Claim.parse("cp.user_read_bytes < 64K").evaluate([], peers: [run]) == .passed(left: 9_088, right: 64 << 10))
    }

    @Test func aCallTheDefaultModeDoesNotStopAtIsUnavailableNotZero() throws {
        let run = try copied()
        #expect(
            try Claim.parse("cp.syscalls.read == 0").evaluate([], peers: [run])
                == .unavailable("inspect's default mode does not stop at read; inspect --every-call counts it"))
        #expect(
            try Claim.parse("cp.syscalls.ioctl == 1").evaluate([], peers: [run])
                == .unavailable("inspect's default mode stops at ioctl only with FICLONE*; inspect --every-call counts it"))
    }

    @Test func aMissingProgramMakesEveryCheckUnavailable() throws {
        let skipped = PeerRun(id: "cp", size: 16 << 20, inspection: nil, verification: nil, skipped: "cp is not installed: skipped")
        for check in ["cp.syscalls.copy_file_range == 2", "cp.bytes == 16M", "cp.size == 16M", "cp.kernel_bytes > 0"] {
            #expect(try Claim.parse(check).evaluate([], peers: [skipped]) == .unavailable("cp is not installed: skipped"), "\(check)")
        }
    }

    @Test func anUnknownFieldIsTheLessonsMistake() throws {
        guard case .invalid(let reason) = try Claim.parse("cp.rsyscr == 1").evaluate([], peers: [try copied()]) else {
            Issue.record("an unknown field must be invalid")
            return
        }
        #expect(reason.hasPrefix("'rsyscr' is not a field of an inspected peer; fields: syscalls.total syscalls.NAME"))
    }
}

/// Lint and the peer cases: a lesson may inspect built-in cases by name and check their fields,
/// never a command line of its own.
@Suite struct PeerLintTests {
    static func lesson(_ block: String) -> String {
        "---\nid: peers\nnumber: 1\ntitle: Peers\n---\n\n# Peers\n\n```zctour\n\(block)\n```\n\n## Sources\n\n- ptrace(2)\n"
    }

    @Test func aBuiltInCaseAndItsFieldsAreAccepted() {
        let text = Self.lesson("inspect --peer cp --size 4M\nexpect cp.syscalls.copy_file_range == 2\nexpect cp.kernel_bytes == 4M")
        #expect(LessonLint.problems(in: [("01-peers.md", text)]).map(\.description) == [])
    }

    @Test func aCommandLineOfItsOwnAnUnknownCaseAndAnUnknownFieldAreRefused() {
        let problems = LessonLint.problems(
            in: [("01-peers.md", Self.lesson("inspect -- cp /etc/passwd /tmp/x\ninspect --peer nope\nexpect cp.kernel_byte == 1"))]
        ).map(\.description)
        #expect(problems.contains { $0.hasSuffix("a lesson may inspect only built-in cases (inspect --peer NAME)") }, "\(problems)")
        let cases = PeerCase.all.map(\.id).joined(separator: ", ")
        #expect(problems.contains { $0.hasSuffix("unknown peer case 'nope'; the built-in cases are \(cases)") }, "\(problems)")
        #expect(problems.contains { $0.hasSuffix("did you mean 'kernel_bytes'?") }, "\(problems)")
    }
}
