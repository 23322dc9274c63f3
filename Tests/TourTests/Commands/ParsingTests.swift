import Testing
import Tour
import ZeroCopy

@Suite struct ParsingTests {
    @Test(arguments: [("4K", 4096), ("64M", 64 << 20), ("1G", 1 << 30), ("512", 512), ("4KiB", 4096), ("2m", 2 << 20), ("8kb", 8192)])
    func sizesAreBinary(text: String, bytes: Int) throws {
        #expect(try ByteSize.parse(text) == bytes)
    }

    @Test func aBadSuffixSaysWhichSuffixesExist() {
        #expect(throws: SizeError(text: "64Q", problem: "unknown suffix 'Q'")) { try ByteSize.parse("64Q") }
        let message = SizeError(text: "64Q", problem: "unknown suffix 'Q'").description
        #expect(
            message
                == "invalid size '64Q': unknown suffix 'Q'; use a whole number of bytes with an optional binary suffix K, M, G or T (4K = 4096 bytes, 64M, 1G)"
        )
        #expect(throws: SizeError.self) { try ByteSize.parse("-1") }
        #expect(throws: SizeError.self) { try ByteSize.parse("M") }
        #expect(throws: SizeError.self) { try ByteSize.parse("99999999999999999999T") }
    }

    @Test func sizesAreShownInBinaryUnits() {
        #expect(ByteSize.format(64 << 20) == "64 MiB")
        #expect(ByteSize.format(1536) == "1.5 KiB")
        #expect(ByteSize.format(100) == "100 B")
        #expect(ByteSize.format(3 << 30) == "3 GiB")
        #expect(ByteSize.compact(65536) == "64K")
        #expect(ByteSize.compact(1000) == "1000")
    }

    @Test func countsHaveThousandsSeparators() {
        #expect(NumberFormat.count(1_234_567) == "1,234,567")
        #expect(NumberFormat.count(999) == "999")
        #expect(NumberFormat.count(-1000) == "-1,000")
        #expect(NumberFormat.duration(nanoseconds: 1_500_000) == "1.5 ms")
        #expect(NumberFormat.throughput(bytes: 1 << 30, nanoseconds: 500_000_000) == "2 GiB/s")
    }

    @Test func optionsThatDoNotApplyAreRejectedWithTheReason() {
        #expect(throws: UsageError("option --to does not apply to demo 'copy': it works in memory, not on a file")) {
            try RunSettings(demo: .copy, size: nil, buffer: nil, sink: .socket, repeatCount: nil, cold: false)
        }
        #expect(throws: UsageError("option --buffer does not apply to demo 'mmap': it uses the mapping itself, no buffer")) {
            try RunSettings(demo: .mmap, size: nil, buffer: 4096, sink: nil, repeatCount: nil, cold: false)
        }
        #expect(throws: UsageError("--size must be at least 1 byte, not 0")) {
            try RunSettings(demo: .readWrite, size: 0, buffer: nil, sink: nil, repeatCount: nil, cold: false)
        }
        #expect(throws: UsageError("--repeat must be between 1 and 1000, not 0")) {
            try RunSettings(demo: .readWrite, size: nil, buffer: nil, sink: nil, repeatCount: 0, cold: false)
        }
    }

    /// --queue belongs to the io_uring demos, within the ring's bounds; a sink a ring demo refuses
    /// is refused with the demo's reason.
    @Test func theRingOptionsAreCheckedWithTheReason() throws {
        #expect(
            throws: UsageError(
                "option --queue does not apply to demo 'read-write': only the io_uring demos (uring-*) keep several operations in flight")
        ) {
            try RunSettings(demo: .readWrite, size: nil, buffer: nil, sink: nil, repeatCount: nil, cold: false, queue: 8)
        }
        #expect(throws: UsageError("--queue must be between 1 and 4096, not 0")) {
            try RunSettings(demo: .uringRead, size: nil, buffer: nil, sink: nil, repeatCount: nil, cold: false, queue: 0)
        }
        #expect(
            throws: UsageError(
                "--to socket does not apply to demo 'uring-read': its writes are IORING_OP_WRITE into a file or /dev/null; "
                    + "to a socket, use uring-splice or uring-send-zc")
        ) {
            try RunSettings(demo: .uringRead, size: nil, buffer: nil, sink: .socket, repeatCount: nil, cold: false)
        }
        let ring = try RunSettings(demo: .uringSendZc, size: nil, buffer: nil, sink: nil, repeatCount: nil, cold: false)
        #expect(ring.queue == 8)
        #expect(ring.sink == .socket)
        #expect(try RunSettings(demo: .readWrite, size: nil, buffer: nil, sink: nil, repeatCount: nil, cold: false).queue == 1)
        #expect(Demo.uringRead.sinks == [.null, .file])
    }

    @Test func defaultsFollowTheDemo() throws {
        let sendfile = try RunSettings(demo: .sendfile, size: nil, buffer: nil, sink: nil, repeatCount: nil, cold: false)
        #expect(sendfile.sink == .socket)
        #expect(sendfile.size == 64 << 20)
        #expect(sendfile.buffer == 64 << 20)
        let readWrite = try RunSettings(demo: .readWrite, size: nil, buffer: nil, sink: nil, repeatCount: nil, cold: false)
        #expect(readWrite.sink == .null)
        #expect(readWrite.buffer == 64 << 10)
    }

    @Test func tokenizingKeepsQuotedWordsTogether() {
        #expect(CommandTokenizer.split("run  read-write --size '1 M'") == ["run", "read-write", "--size", "1 M"])
        #expect(CommandTokenizer.split("") == [])
    }
}
