import Glibc
import Syscalls

/// What a download handler sends: `count` bytes of the open file from `offset`, into the
/// client's socket, `buffer` bytes (or per call) at a time. The server has read the request and
/// sent the head; the handler's syscalls are the ones the demos differ in. It notes what it sent,
/// so that a client that hangs up half way is reported with how far it got.
public final class ResponseBody {
    public let file: Int32
    public let path: String
    public let socket: Int32
    public let offset: Int
    public let count: Int
    public let buffer: Int
    public private(set) var sent = 0

    init(file: Int32, path: String, socket: Int32, offset: Int, count: Int, buffer: Int) {
        self.file = file
        self.path = path
        self.socket = socket
        self.offset = offset
        self.count = count
        self.buffer = buffer
    }

    /// Writes `count` bytes from user space with write(2), all of them; returns the calls.
    public func write(_ base: UnsafeRawPointer, count: Int) throws -> Int {
        let calls = try Syscall.writeAll(socket, UnsafeRawBufferPointer(start: base, count: count))
        sent += count
        return calls
    }

    /// Records bytes the kernel sent itself (sendfile).
    public func noteSent(_ count: Int) { sent += count }
}
