import Glibc

/// Reads a stream (standard input, a pipe) line by line without ever holding more than one
/// line: a line longer than `maximumLine` bytes, or more than `maximumTotal` bytes in all,
/// throws instead of filling memory (`zctour < /dev/zero`). A read that fails throws its
/// `SystemError`: only a read that returns 0 is the end.
public final class LineReader {
    public let fd: Int32
    public let maximumLine: Int
    public let maximumTotal: Int
    /// Where the lines come from, for messages: `standard input`, a script's path.
    public let source: String
    /// The number of the line `next()` returned last (1 for the first).
    public private(set) var lineNumber = 0
    private var buffer: [UInt8] = []
    private var start = 0
    private var total = 0
    private var ended = false

    public init(fd: Int32, source: String, maximumLine: Int, maximumTotal: Int) {
        self.fd = fd
        self.source = source
        self.maximumLine = maximumLine
        self.maximumTotal = maximumTotal
    }

    /// A line that is longer than the reader allows.
    public struct LineTooLong: Error, Equatable, Sendable, CustomStringConvertible {
        public let source: String
        public let line: Int
        public let limit: Int

        public init(source: String, line: Int, limit: Int) {
            self.source = source
            self.line = line
            self.limit = limit
        }

        public var description: String { "\(source), line \(line) is longer than \(limit) bytes" }
    }

    /// The next line without its newline (a last line without one counts), or nil at the end.
    public func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return try counted(line)
            }
            if buffer.count - start > maximumLine { throw LineTooLong(source: source, line: lineNumber + 1, limit: maximumLine) }
            if ended {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return try counted(line)
            }
            try fill()
        }
    }

    private func counted(_ line: [UInt8]) throws -> [UInt8] {
        lineNumber += 1
        guard line.count <= maximumLine else { throw LineTooLong(source: source, line: lineNumber, limit: maximumLine) }
        return line
    }

    /// Reads what is there (one read), keeping the unread part of the buffer.
    private func fill() throws {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let chunk = 16 << 10
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        let count = try buffer.withUnsafeMutableBytes { raw in
            try Syscall.value(.read, path: source, descriptor: fd) { read(fd, raw.baseAddress.map { $0 + old }, chunk) }
        }
        buffer.removeLast(chunk - count)
        if count == 0 { ended = true }
        total += count
        if total > maximumTotal { throw ReadLimitExceeded(limit: maximumTotal, path: source, descriptor: fd) }
    }
}
