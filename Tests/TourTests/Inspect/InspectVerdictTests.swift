import Foundation
import Probe
import Testing
import Tour

/// The verdict's rules on inspections made to measure (decoded from the `zctour.inspect/1`
/// shape, so the tests need no tracer): a copy is bytes in and out again; the bulk decides the
/// kind; default-mode figures from tcp_info are lower bounds and say so; the lesson is named by
/// the library's number for it.
@Suite struct InspectVerdictTests {
    static let mebibytes64 = 64 << 20

    @Test func aKernelCopyOfTheWholeFileIsKernelOnly() throws {
        let inspection = try Sketch.inspection(
            mode: "default",
            processes: [
                Sketch.process(
                    totals: (syscr: 17, syscw: 1, rchar: Self.mebibytes64 + 9_088 + 1_580, wchar: Self.mebibytes64),
                    execveOwn: (5, 0, 1_580, 0), copiesCounted: (1, 1, Self.mebibytes64, Self.mebibytes64),
                    copies: [("copy_file_range", "/tmp/big.bin", "/tmp/copy.bin", 2, Self.mebibytes64)])
            ])
        let verdict = InspectVerdict(inspection) { _ in nil }
        #expect(verdict.kind == .kernel)
        #expect(verdict.lines.first == "64 MiB from big.bin to copy.bin inside the kernel (copy_file_range ×2)")
        #expect(
            verdict.lines.last
                == "the program's other reads and writes: 8.88 KiB read into user space (11 read calls, as the kernel counted them) and nothing written out of it"
        )
    }

    @Test func aFileCopiedToASocketThroughUserSpaceNamesSendfileAndItsLesson() throws {
        let inspection = try Sketch.inspection(
            mode: "every-call",
            processes: [
                Sketch.process(
                    totals: (512, 512, Self.mebibytes64, Self.mebibytes64),
                    userSpace: [
                        ("file", "/srv/video.mp4", Self.mebibytes64, 512, 0, 0),
                        ("tcp", "tcp 127.0.0.1:8080 -> 127.0.0.1:50000", 0, 0, Self.mebibytes64, 512),
                    ])
            ])
        let verdict = InspectVerdict(inspection) { id in id == "sendfile" ? 5 : nil }
        #expect(verdict.kind == .userSpace)
        #expect(
            verdict.lines == [
                "64 MiB read into user space and 64 MiB written out of it (in 512 reads of 128 KiB and 512 writes of 128 KiB on average)",
                "sendfile would send the file to the socket inside the kernel: lesson 5 (sendfile) shows it",
            ])
        #expect(verdict.lesson == InspectVerdict.LessonReference(number: 5, id: "sendfile", call: "sendfile"))
        let without = InspectVerdict(inspection) { _ in nil }
        #expect(without.lesson == nil)
        #expect(without.lines.last == "sendfile would send the file to the socket inside the kernel")
    }

    /// wc reads everything and writes a count: no copy a kernel call could make.
    @Test func readingWithoutWritingIsNoCopy() throws {
        let inspection = try Sketch.inspection(
            mode: "every-call",
            processes: [
                Sketch.process(
                    totals: (513, 1, Self.mebibytes64, 9),
                    userSpace: [("pipe", "pipe [1]", Self.mebibytes64, 513, 0, 0), ("tty", "tty /dev/pts/0", 0, 0, 9, 1)])
            ])
        let verdict = InspectVerdict(inspection) { _ in 6 }
        #expect(verdict.kind == .noCopy)
        #expect(verdict.lesson == nil)
        #expect(verdict.lines.first?.hasPrefix("no copy: 64 MiB read into user space and 9 B written out of it") == true)
    }

    @Test func nothingMovedIsSaidSo() throws {
        let inspection = try Sketch.inspection(
            mode: "default", processes: [Sketch.process(totals: (5, 0, 1_580, 0), execveOwn: (5, 0, 1_580, 0))])
        let verdict = InspectVerdict(inspection) { _ in nil }
        #expect(verdict.kind == .noCopy)
        #expect(verdict.lines == ["no bytes moved through reads, writes or kernel copies"])
    }

    /// send() is invisible to /proc: tcp_info says what the socket carried, as a lower bound,
    /// and the advice is conditional, since the default mode does not see where the bytes came from.
    @Test func sendsSeenOnlyByTcpInfoAreLowerBoundsAndSaySo() throws {
        let inspection = try Sketch.inspection(
            mode: "default", processes: [Sketch.process(totals: (1_025, 0, Self.mebibytes64, 0))],
            sockets: [("tcp 127.0.0.1:1 -> 127.0.0.1:2", Self.mebibytes64, 0)])
        let verdict = InspectVerdict(inspection) { _ in 5 }
        #expect(verdict.kind == .userSpace)
        #expect(
            verdict.lines == [
                "64 MiB read into user space (1,025 read calls, as the kernel counted them) and at least 64 MiB written out of it (sent on TCP sockets, as tcp_info counted)",
                "if they came from a file, sendfile would send it to the socket inside the kernel: lesson 5 (sendfile) shows it",
            ])
    }

    @Test func aKernelCopyBesideACopyThroughUserSpaceIsMixed() throws {
        let inspection = try Sketch.inspection(
            mode: "every-call",
            processes: [
                Sketch.process(
                    totals: (3, 3, 2 * Self.mebibytes64, 2 * Self.mebibytes64), copiesCounted: (1, 1, Self.mebibytes64, Self.mebibytes64),
                    copies: [("sendfile", "/a", "/b", 1, Self.mebibytes64)],
                    userSpace: [("file", "/c", Self.mebibytes64, 1, 0, 0), ("file", "/d", 0, 0, Self.mebibytes64, 1)])
            ])
        let verdict = InspectVerdict(inspection) { id in id == "copy-file-range" ? 7 : nil }
        #expect(verdict.kind == .mixed)
        #expect(
            verdict.lines.first?.hasPrefix("64 MiB from a to b inside the kernel (sendfile ×1), and 64 MiB read into user space") == true)
        #expect(
            verdict.lines.last
                == "copy_file_range would copy the file into the other inside the kernel: lesson 7 (copy-file-range) shows it")
    }
}

/// Inspections built as `zctour.inspect/1` JSON and decoded, with every field a test does not
/// care about at a neutral value.
enum Sketch {
    typealias Totals = (syscr: Int, syscw: Int, rchar: Int, wchar: Int)

    static func counters(_ totals: Totals) -> [String: Int] {
        ["syscr": totals.syscr, "syscw": totals.syscw, "rchar": totals.rchar, "wchar": totals.wchar, "read_bytes": 0, "write_bytes": 0]
    }

    static func descriptor(_ kind: String, _ what: String) -> [String: Any] { ["kind": kind, "what": what] }

    static func process(
        totals: Totals, execveOwn: Totals = (0, 0, 0, 0), copiesCounted: Totals = (0, 0, 0, 0),
        copies: [(call: String, from: String, to: String, calls: Int, bytes: Int)] = [],
        userSpace: [(kind: String, what: String, read: Int, reads: Int, written: Int, writes: Int)]? = nil
    ) -> [String: Any] {
        var process: [String: Any] = [
            "pid": 100, "name": "program", "executables": ["/usr/bin/program"], "exit_status": 0, "tasks": 1, "tasks_measured": 1,
            "syscalls": [String: Any](), "unfinished": [String: Any](), "kernel_totals": counters(totals),
            "execve_own": counters(execveOwn), "kernel_copies_counted": counters(copiesCounted), "minflt": 0, "majflt": 0,
            "descriptors": [Any](), "mappings": [Any](), "zerocopy_sends": 0, "io_uring_setups": 0, "io_uring_enters": 0,
            "kernel_copies": copies.map { copy -> [String: Any] in
                [
                    "call": copy.call, "from": descriptor("file", copy.from), "to": descriptor("file", copy.to), "calls": copy.calls,
                    "errors": 0, "bytes": copy.bytes,
                ]
            },
        ]
        if let userSpace {
            process["user_space"] = userSpace.map { row -> [String: Any] in
                [
                    "descriptor": descriptor(row.kind, row.what), "read_bytes": row.read, "read_calls": row.reads,
                    "written_bytes": row.written, "write_calls": row.writes,
                ]
            }
        }
        return process
    }

    static func inspection(mode: String, processes: [[String: Any]], sockets: [(what: String, sent: Int, received: Int)] = [])
        throws -> Inspection
    {
        let document: [String: Any] = [
            "mode": mode, "command": ["program"], "executable": "/usr/bin/program", "exit_status": 0, "interrupted": false,
            "processes": processes, "processes_not_followed": 0,
            "tcp_sockets": sockets.map { ["descriptor": descriptor("tcp", $0.what), "sent": $0.sent, "received": $0.received] },
            "stops": ["seccomp": 0, "entries": 0, "exits": 0, "events": 0, "signals": 0], "traced_ns": 0,
        ]
        return try JSONDecoder().decode(Inspection.self, from: JSONSerialization.data(withJSONObject: document))
    }
}
