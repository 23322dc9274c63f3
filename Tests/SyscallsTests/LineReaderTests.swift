import Glibc
import Syscalls
import Testing

/// Lines from a stream, bounded (issue 13: `zctour < /dev/zero` grew to gigabytes; a read error
/// was taken for the end of the input).
@Suite struct LineReaderTests {
    func reader(_ text: String, line: Int = 8, total: Int = 1 << 20) throws -> LineReader {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        try Syscall.writeAll(ends[1], text)
        close(ends[1])
        return LineReader(fd: ends[0], source: "test input", maximumLine: line, maximumTotal: total)
    }

    @Test func linesComeWithoutTheirNewlineAndALastOneWithoutOneCounts() throws {
        let lines = try reader("one\n\ntwo\nend")
        defer { close(lines.fd) }
        var read: [String] = []
        while let line = try lines.next() { read.append(String(decoding: line, as: UTF8.self)) }
        #expect(read == ["one", "", "two", "end"])
        #expect(lines.lineNumber == 4)
    }

    @Test func aLineLongerThanTheLimitThrowsWithItsNumber() throws {
        let lines = try reader("short\n123456789\n")
        defer { close(lines.fd) }
        #expect(try lines.next() == Array("short".utf8))
        #expect(throws: LineReader.LineTooLong(source: "test input", line: 2, limit: 8)) { try lines.next() }
    }

    /// Without a newline the line never ends: the reader stops once it is longer than the limit
    /// instead of reading on (here /dev/zero, which never ends).
    @Test func anEndlessLineStopsAtTheLimit() throws {
        let fd = open("/dev/zero", O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        let lines = LineReader(fd: fd, source: "/dev/zero", maximumLine: 4096, maximumTotal: 1 << 20)
        #expect(throws: LineReader.LineTooLong(source: "/dev/zero", line: 1, limit: 4096)) { try lines.next() }
    }

    @Test func moreThanTheTotalThrows() throws {
        let lines = try reader(String(repeating: "1234567\n", count: 10), total: 40)
        defer { close(lines.fd) }
        #expect(throws: ReadLimitExceeded.self) { while try lines.next() != nil {} }
    }

    /// A directory read as a stream fails with EISDIR: an error, not an empty input.
    @Test func aFailedReadIsAnErrorNotTheEnd() throws {
        let fd = open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(fd) }
        let lines = LineReader(fd: fd, source: "/tmp", maximumLine: 64, maximumTotal: 1024)
        #expect {
            try lines.next()
        } throws: { error in
            (error as? SystemError)?.errno == EISDIR
        }
    }
}
