import Glibc
import Syscalls

/// zctour's own HTTP client, for a machine without curl: on a helper thread, it sends one GET
/// and reads the response with read(2) (which /proc counts, unlike recv) to the end, checking
/// the status line and Content-Length and checksumming the body. Its window is its own, from
/// the request to the end of the response. `hangUpAfter` makes it a client that disconnects
/// half way: after that many body bytes it closes the connection with bytes still unread, which
/// makes the kernel reset it, so the server's next write fails.
final class ThreadClient: @unchecked Sendable {
    private let socket: Int32
    /// Guards the socket's closing: the thread closes it to hang up, the demo's thread shuts it
    /// to stop a thread that waits; never both on a closed (perhaps reused) descriptor.
    private var lock = pthread_mutex_t()
    private var closed = false
    private let window: MeasurementWindow
    private let request: [UInt8]
    private let hangUpAfter: Int?
    private var thread: HelperThread?
    private var status: Int?
    private var contentLength: Int?
    private var body = Checksum()
    private var failure: String?

    static let readSize = 256 << 10

    /// Connects to 127.0.0.1:`port` (outside the window) and starts fetching `path`.
    init(port: UInt16, path: String, window: MeasurementWindow, hangUpAfter: Int? = nil) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = port.bigEndian
        // A client that will hang up holds little in flight, so the server is still sending when it does.
        socket = try Loopback.connect(to: address, receiveBuffer: hangUpAfter == nil ? nil : 64 << 10)
        self.window = window
        self.hangUpAfter = hangUpAfter
        request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: zctour\r\nConnection: close\r\n\r\n".utf8)
        pthread_mutex_init(&lock, nil)
        do {
            thread = try HelperThread { [self] in fetch() }
        } catch {
            close(socket)
            throw error
        }
    }

    deinit {
        stop()
        closeOnce()
        pthread_mutex_destroy(&lock)
    }

    /// Unblocks and joins the thread (the server may have stopped before answering).
    func stop() {
        pthread_mutex_lock(&lock)
        if !closed { shutdown(socket, Int32(SHUT_RDWR)) }
        pthread_mutex_unlock(&lock)
        thread?.join()
    }

    private func closeOnce() {
        pthread_mutex_lock(&lock)
        if !closed { close(socket) }
        closed = true
        pthread_mutex_unlock(&lock)
    }

    /// Waits for the thread and reports what it received.
    func finish() -> ClientReport {
        thread?.join()
        return ClientReport(
            kind: .thread, status: status, bodyBytes: body.bytes, checksum: body.value, exitStatus: nil, message: failure,
            processIO: nil, cpuNanoseconds: nil, minorFaults: nil, majorFaults: nil)
    }

    private func fetch() {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: ThreadClient.readSize, alignment: 64)
        defer { buffer.deallocate() }
        var head: [UInt8] = []
        head.reserveCapacity(16 << 10)
        // Closed once the response is read (after the window), as curl's exit closes its own:
        // the server shuts its side and waits for the client to close before it closes (a
        // lingering close), so a client that kept the socket made every download wait for the
        // server's timeout.
        defer { closeOnce() }
        window.begin()
        defer { window.end() }
        do {
            try request.withUnsafeBytes { _ = try Syscall.writeAll(socket, $0) }
            while true {
                let count = try Syscall.value(.read, descriptor: socket) { read(socket, buffer, ThreadClient.readSize) }
                if count == 0 { break }
                let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
                if status == nil {
                    head.append(contentsOf: bytes)
                    guard let end = head.withUnsafeBytes({ HTTPRequest.headEnd($0) }) else {
                        if head.count > 16 << 10 { throw ClientFailure("the response head is longer than 16 KiB") }
                        continue
                    }
                    try parseHead(head.prefix(end.content))
                    let rest = head.count - end.length
                    body.update(UnsafeRawBufferPointer(rebasing: bytes[(count - rest)...]))
                } else {
                    body.update(bytes)
                }
                if let limit = hangUpAfter, body.bytes >= limit {
                    closeOnce()
                    failure = "the client hung up after \(body.bytes) bytes, as asked"
                    return
                }
            }
            if let contentLength, contentLength != body.bytes {
                failure = "Content-Length said \(contentLength) bytes, \(body.bytes) arrived"
            }
        } catch {
            failure = String(describing: error)
        }
    }

    /// The status line and the Content-Length field.
    private func parseHead(_ bytes: ArraySlice<UInt8>) throws {
        let lines = HTTPRequest.lines(bytes)
        guard let first = lines.first, first.hasPrefix("HTTP/1."), first.count >= 12, let code = Int(first.dropFirst(9).prefix(3)) else {
            throw ClientFailure("'\(lines.first ?? "")' is not an HTTP/1.x status line")
        }
        status = code
        for line in lines.dropFirst() where line.lowercased().hasPrefix("content-length:") {
            contentLength = Int(line.dropFirst("content-length:".count).trimmingOWS())
        }
    }

    struct ClientFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
