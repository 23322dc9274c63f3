import Foundation
import Testing
import Tour

/// The notes keyed to measurements: each appears when its numbers say so, says those numbers,
/// and stays away when they do not. The records are decoded from the run JSON the tour prints,
/// with the counts measured on this machine (Linux 6.18, ext4) where the audit found them.
@Suite struct MeasurementNotesTests {
    /// A run as `--json` prints it; only what a note reads is given.
    static func record(
        _ demo: String, label: String? = nil, size: Int = 16 << 20, buffer: Int = 64 << 10, sink: String = "null",
        minflt: Int = 0, majflt: Int = 0, syscr: Int = 257, voluntary: Int = 0, wall: Int = 10_000_000, cpu: Int = 10_000_000,
        allocations: Int = 1, readBytes: Int = 0, cold: Bool = false, direct: Bool? = nil, peerCPU: Int? = nil,
        steps: [[String: Any]]? = nil
    ) throws -> RunRecord {
        func counters(cpu: Int) -> [String: Any] {
            [
                "syscr": syscr, "syscw": syscr - 1, "rchar": size, "wchar": size, "read_bytes": readBytes, "write_bytes": 0,
                "minflt": minflt, "majflt": majflt, "voluntary_ctxt_switches": voluntary, "nonvoluntary_ctxt_switches": 0,
                "cpu_ns": cpu, "utime_ns": 0, "stime_ns": 0, "peak_rss_bytes": 0, "wall_ns": wall,
            ]
        }
        var json: [String: Any] = [
            "demo": demo, "label": label ?? demo, "size": size, "buffer": buffer, "sink": sink, "repeat": 1, "cold": cold,
            "bytes": size, "verified": true, "verification": "", "calls": syscr * 2 - 1, "wall_ns": wall, "wall_ns_runs": [wall],
            "counters": counters(cpu: cpu), "allocations": ["count": allocations, "bytes": allocations * buffer], "notes": [String](),
        ]
        if let direct { json["direct"] = direct }
        if let peerCPU { json["peer"] = counters(cpu: peerCPU) }
        if let steps { json["steps"] = steps }
        return try JSONDecoder().decode(RunRecord.self, from: JSONSerialization.data(withJSONObject: json))
    }

    /// lesson 1: `read-write@1M` with 257 faults, slower than the 64K row.
    @Test func aFreshBufferSaysItsFaultsAndWhyItWasSlower() throws {
        let rows = [
            try Self.record("read-write", label: "read-write@64K", size: 64 << 20, wall: 20_000_000),
            try Self.record("read-write", label: "read-write@1M", size: 64 << 20, buffer: 1 << 20, minflt: 257, wall: 30_000_000),
        ]
        let notes = MeasurementNotes.rows(rows)
        #expect(notes.count == 1, "\(notes)")
        let note = try #require(notes.first)
        #expect(note.hasPrefix("read-write@1M: 257 page faults, about one per page of its 1 MiB buffer (256 pages)"))
        #expect(note.contains("M_MMAP_THRESHOLD, mallopt(3)"))
        #expect(note.hasSuffix("those faults are part of why it was slower than read-write@64K (2.08 GiB/s against 3.13 GiB/s)"))
        // Faster, or without the faults: no "slower", or no note at all.
        let faster = try Self.record("read-write", label: "read-write@1M", size: 64 << 20, buffer: 1 << 20, minflt: 257, wall: 10_000_000)
        #expect(MeasurementNotes.rows([rows[0], faster]).first?.contains("slower") == false)
        let reused = try Self.record("read-write", label: "read-write@1M", size: 64 << 20, buffer: 1 << 20, minflt: 1, wall: 30_000_000)
        #expect(MeasurementNotes.rows([rows[0], reused]).isEmpty)
    }

    /// A sweep's sizes that fell below the knee's share again: the faults of a fresh buffer
    /// where they are there, "noise?" where they are not (no more "too large for the caches").
    @Test func aSweepSaysWhichFallenSizesHadFreshBuffers() throws {
        let rows = [
            try Self.record("read-write", label: "read-write@64K", buffer: 64 << 10, wall: 2_000_000),
            try Self.record("read-write", label: "read-write@256K", buffer: 256 << 10, minflt: 0, wall: 4_000_000),
            try Self.record("read-write", label: "read-write@1M", buffer: 1 << 20, minflt: 257, wall: 5_000_000),
        ]
        let text = SweepView.render(
            Comparison(rows: rows.map { MeasuredRow(label: $0.label, runs: Array(repeating: $0, count: 5)) }, limit: nil, rounds: 5),
            style: Style(color: false, width: 400)
        ).split(separator: "\n")
            .first { $0.contains("knee:") }
        #expect(
            text?.hasSuffix(
                "256 KiB, 1 MiB fell below that again; the 1 MiB buffer was new memory in each run (257 page faults, minflt: one "
                    + "per 4 KiB page touched for the first time), part of its cost, and one a buffer kept across runs pays once; "
                    + "256 KiB had no such faults: noise? (--rounds 15 tells)") == true, "\(text ?? "")")
        #expect(text?.contains("CPU's caches") == false)
    }

    /// lesson 2: the reusing loop took the faults, the allocating one none.
    @Test func reuseWithMoreFaultsThanAllocationSaysTheAllocatorDecided() throws {
        let rows = [
            try Self.record("read-write", buffer: 1 << 20, minflt: 257, syscr: 17),
            try Self.record("read-write-alloc", buffer: 1 << 20, minflt: 0, syscr: 17, allocations: 17),
        ]
        let notes = MeasurementNotes.rows(rows)
        #expect(notes.count == 1, "\(notes)")
        #expect(
            notes.first?.hasPrefix(
                "read-write's one buffer was new memory in the run shown (257 page faults), while read-write-alloc's 17 buffers took 0")
                == true)
        #expect(notes.first?.hasSuffix("reuse still saved 16 malloc and free pairs") == true)
        let even = [rows[0], try Self.record("read-write-alloc", buffer: 1 << 20, minflt: 257, syscr: 17, allocations: 17)]
        #expect(MeasurementNotes.rows(even).allSatisfy { !$0.contains("allocator's state") })
    }

    /// lesson 4: 31 faults for 16 MiB in one run, 256 in the next.
    @Test func mappingFaultsSayWhetherFoliosOrFaultAroundDecided() throws {
        let folios = try #require(MeasurementNotes.run(try Self.record("mmap", minflt: 31, syscr: 0)).first)
        #expect(folios.hasPrefix("mmap: 31 faults for 4,096 pages: the page cache holds the sample in 1 MiB folios"))
        #expect(folios.contains("15 faults for the first 15 MiB"))
        #expect(folios.hasSuffix("(fault_around_bytes): 16 more"))
        let small = try #require(MeasurementNotes.run(try Self.record("mmap", minflt: 256, syscr: 0)).first)
        #expect(small.hasPrefix("mmap: 256 faults, one per 64 KiB: fault-around maps 16 pages per fault"))
        let cold = try #require(MeasurementNotes.run(try Self.record("mmap", minflt: 259, majflt: 1, syscr: 0, cold: true)).first)
        #expect(cold.hasPrefix("mmap: 1 major fault: the first touch found nothing in the page cache"))
        #expect(cold.contains("the other 259 were minor"))
        // Both mapped rows of a comparison, one sentence.
        let rows = [try Self.record("mmap", minflt: 31, syscr: 0), try Self.record("mmap-copy", minflt: 31, syscr: 0)]
        #expect(MeasurementNotes.rows(rows).filter { $0.contains("folios") }.count == 1)
        #expect(MeasurementNotes.rows(rows).first?.hasPrefix("mmap, mmap-copy: 31 faults each") == true)
    }

    /// lesson 9: read_bytes of a cold read is whole pages; O_DIRECT waits on every read.
    @Test func storageNotesSayPageRoundingAndDirectWaits() throws {
        let odd = try Self.record("read-write", size: 1_000_003, buffer: 4096, readBytes: 1_003_520, cold: true)
        #expect(
            MeasurementNotes.run(odd) == [
                "read_bytes is 1,003,520, the size rounded up to whole 4 KiB pages: storage is read in pages, and "
                    + "readahead stops at the end of the file"
            ])
        #expect(MeasurementNotes.run(try Self.record("read-write", size: 1 << 20, readBytes: 1 << 20, cold: true)).isEmpty)
        let direct = try Self.record("read-write", voluntary: 256, readBytes: 16 << 20, direct: true)
        #expect(
            MeasurementNotes.run(direct).first?.hasPrefix("256 voluntary switches for 257 reads: each read that returned data waited")
                == true)
        #expect(MeasurementNotes.run(try Self.record("read-write", voluntary: 3, direct: true)).isEmpty)
    }

    /// lesson 3: the string step is bigger than its bytes; copy against slice per piece.
    @Test func memoryNotesSayTheRepairAndThePerPieceCost() throws {
        let steps: [[String: Any]] = [
            ["id": "string-decoding", "code": "", "shared": false, "bytes": 59_342, "allocations": 2, "allocated_bytes": 98_480]
        ]
        let cow = try Self.record("cow", size: 64 << 10, buffer: 64 << 10, sink: "memory", steps: steps)
        #expect(
            MeasurementNotes.run(cow) == [
                "string-decoding: the 32 KiB slice became 58 KiB of UTF-8: the sample is not text, and String(decoding:as:) "
                    + "replaces each invalid sequence with U+FFFD, 3 bytes; it reserved room for its input and grew once: 2 allocations"
            ])
        let rows = [
            try Self.record("copy", sink: "memory", wall: 3_766_506, allocations: 256),
            try Self.record("slice", sink: "memory", wall: 2_007_297, allocations: 0),
        ]
        #expect(
            MeasurementNotes.rows(rows) == [
                "per 64 KiB piece: copy 14.7 µs, slice 7.84 µs (each row's time ÷ 256 pieces); both read every byte to checksum "
                    + "it, so the 6.87 µs between them is one piece's allocation and copy"
            ])
    }

    /// lesson 5 and 6: on loopback the receiver's CPU is in every row's time.
    @Test func aBusyReceiverIsSaidWithBothThreadsCPU() throws {
        let rows = [
            try Self.record("read-write", sink: "socket", wall: 32_000_000, cpu: 10_300_000, peerCPU: 20_700_000),
            try Self.record("sendfile", sink: "socket", wall: 34_000_000, cpu: 4_000_000, peerCPU: 29_800_000),
        ]
        let note = try #require(MeasurementNotes.rows(rows).first)
        #expect(note.contains("its CPU read-write 20.7 ms, sendfile 29.8 ms against the rows' times read-write 32 ms, sendfile 34 ms"))
        #expect(note.contains("The senders' own CPU (read-write 10.3 ms, sendfile 4 ms)"))
        let idle = [rows[0], try Self.record("sendfile", sink: "socket", wall: 34_000_000, cpu: 4_000_000, peerCPU: 1_000_000)]
        #expect(MeasurementNotes.rows(idle).isEmpty)

        // Lesson 10: the receiver is curl, a process that writes its copy to a file, not a thread
        // that checksums (the note said "reading and checksumming" of it; review).
        var served = rows
        for index in served.indices { served[index].peerRole = "curl" }
        let curl = try #require(MeasurementNotes.rows(served).first)
        #expect(curl.hasPrefix("the client, curl, used at least half of every row's time in CPU, receiving and writing its copy"))
        #expect(!curl.contains("checksumming") && curl.contains("The server's own CPU (read-write 10.3 ms, sendfile 4 ms)"))
    }

    /// A 2 MiB download: sendfile's 163 µs against curl's 10.2 ms of CPU. The body fit in the
    /// sockets' buffers, so the server was done before curl read it; the note said "the
    /// throughput also measures the client" of that row (review), and now says what it was.
    @Test func aRowThatEndedBeforeItsReceiverReadIsNotSaidToBePacedByIt() throws {
        var rows = [
            try Self.record("http-loop", size: 2 << 20, sink: "socket", wall: 4_000_000, cpu: 3_000_000, peerCPU: 9_000_000),
            try Self.record("http-sendfile", size: 2 << 20, sink: "socket", wall: 163_000, cpu: 60_000, peerCPU: 10_200_000),
        ]
        for index in rows.indices { rows[index].peerRole = "curl" }
        let notes = MeasurementNotes.rows(rows)
        #expect(!notes.contains { $0.contains("also measures the client") }, "\(notes)")
        #expect(
            notes.contains {
                $0.hasPrefix(
                    "http-sendfile 163 µs: a small part of the client's CPU time (http-sendfile 10.2 ms): the body fit in the "
                        + "sockets' buffers, so the calls returned before it was read, and that row's throughput is the hand-over")
            }, "\(notes)")
    }
}
