import CShims
import Glibc
import Syscalls

/// The download demos' HTTP/1.1 server: one listening socket on 127.0.0.1 and a port the kernel
/// picks, which only this machine can reach, for one demo's exchanges; it closes with the demo
/// (on Ctrl-C too, since the demo's thread unwinds through it). It serves on the thread that
/// calls `serve`, the demo's own, so its window and its syscalls are that thread's.
///
/// A request is read with a size limit (`HTTPRequest.limit`, else 431) and a timeout (else 408);
/// reads and writes that make no progress for `timeout` fail, so a stalled client cannot hang it.
public final class DownloadServer {
    public let port: UInt16
    /// The one path it serves; another is 404.
    public let path: String
    /// How long it waits for the connection, for the request, and for any read or write.
    public let timeout: Int
    private let listener: Int32

    public init(path: String, timeout milliseconds: Int = 10_000) throws {
        let (fd, address) = try Loopback.listen(backlog: 4)
        listener = fd
        port = Loopback.port(of: address)
        self.path = path
        timeout = milliseconds
    }

    deinit { close(listener) }

    /// The URL a client asks for.
    public var url: String { "http://127.0.0.1:\(port)\(path)" }

    /// Waits for the client's connection, asking `clientGone` between waits whether the client
    /// can still come (curl that exited never will); throws `DownloadProblem.clientNeverConnected`.
    public func accept(clientGone: () -> String?) throws -> Int32 {
        var waited = 0
        while waited < timeout {
            if try Loopback.waitReadable(listener, milliseconds: 50) {
                return try Syscall.value(.accept, descriptor: listener) { zc_accept_cloexec(listener) }
            }
            waited += 50
            if let why = clientGone() { throw DownloadProblem.clientNeverConnected(why) }
        }
        throw DownloadProblem.clientNeverConnected("no connection within \(timeout) ms")
    }

    /// Answers one request on `connection`: waits for it to arrive (outside the window), then,
    /// inside the window, reads it, sends the head and lets `handler` send the body from `file`.
    /// The window ends with the last byte handed to the socket.
    public func serve(
        _ connection: Int32, file: Int32, filePath: String, size: Int, buffer: Int, window: MeasurementWindow,
        handler: (ResponseBody) throws -> Int
    ) throws -> Exchange {
        try Loopback.setTimeouts(connection, milliseconds: timeout)
        let capacity = HTTPRequest.limit + 1
        let head = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { head.deallocate() }
        guard try Loopback.waitReadable(connection, milliseconds: timeout) else {
            try? send(HTTPResponse.error(.requestTimeout, "no request within \(timeout) ms", head: false, now: time(nil)), to: connection)
            throw DownloadProblem.noRequest(milliseconds: timeout)
        }
        // The date first: glibc reads the time zone file on its first use, which must not count.
        let now = time(nil)
        _ = HTTPResponse.imfDate(now)
        window.begin()
        var windowOpen = true
        defer { if windowOpen { window.end() } }
        var received = 0
        var reads = 0
        var parsed = HTTPRequest.Parsed.incomplete
        while true {
            let count: Int
            do {
                count = try Syscall.value(.read, descriptor: connection) { read(connection, head + received, capacity - received) }
            } catch let error as SystemError where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
                try? send(
                    HTTPResponse.error(.requestTimeout, "the request did not end within \(timeout) ms", head: false, now: time(nil)),
                    to: connection)
                throw DownloadProblem.noRequest(milliseconds: timeout)
            }
            reads += 1
            received += count
            parsed = HTTPRequest.parse(UnsafeRawBufferPointer(start: head, count: received))
            guard case .incomplete = parsed, count > 0, received < capacity else { break }
        }
        let response = HTTPResponse.answer(parsed, path: path, size: size, now: now)
        var exchange = Exchange(
            request: Exchange.requestLine(parsed, head: head, received: received), status: response.status,
            headBytes: response.head.count, bodyBytes: 0, requestBytes: received, requestReads: reads, headWrites: 0, bodyCalls: 0,
            note: response.note)
        do {
            exchange.headWrites = try response.head.withUnsafeBytes { try Syscall.writeAll(connection, $0) }
            if let part = response.file {
                let body = ResponseBody(
                    file: file, path: filePath, socket: connection, offset: part.offset, count: part.count, buffer: buffer)
                do {
                    exchange.bodyCalls = try handler(body)
                } catch let error as SystemError where DownloadServer.hangUp(error) {
                    throw DownloadProblem.clientHungUp(sent: body.sent, of: part.count, reason: error.reason)
                }
                exchange.bodyBytes = body.sent
                exchange.rangeFirst = response.status == .partialContent ? part.offset : nil
                exchange.rangeLast = response.status == .partialContent ? part.offset + part.count - 1 : nil
            } else if !response.text.isEmpty {
                exchange.headWrites += try response.text.withUnsafeBytes { try Syscall.writeAll(connection, $0) }
                exchange.bodyBytes = response.text.count
            }
        } catch let error as SystemError where DownloadServer.hangUp(error) {
            throw DownloadProblem.clientHungUp(sent: 0, of: response.file?.count ?? response.text.count, reason: error.reason)
        }
        window.end()
        windowOpen = false
        return exchange
    }

    /// Ends the exchange, after the window: the server's side is shut down, so the client sees
    /// the end of the response, and what the client still sends is read and dropped until it
    /// closes (a close with unread bytes would reset the connection and could destroy the
    /// response before the client read it), for `timeout` at most; then the socket is closed.
    public func finish(_ connection: Int32) {
        defer { close(connection) }
        guard shutdown(connection, Int32(SHUT_WR)) == 0 else { return }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 16 << 10, alignment: 16)
        defer { scratch.deallocate() }
        var drained = 0
        while drained < 1 << 20, (try? Loopback.waitReadable(connection, milliseconds: timeout)) == true {
            guard let count = try? Syscall.value(.read, descriptor: connection, { read(connection, scratch, 16 << 10) }), count > 0
            else { return }
            drained += count
        }
    }

    private func send(_ response: HTTPResponse, to connection: Int32) throws {
        try (response.head + response.text).withUnsafeBytes { _ = try Syscall.writeAll(connection, $0) }
    }

    /// The errors of a write to a peer that went away.
    static func hangUp(_ error: SystemError) -> Bool { error.errno == EPIPE || error.errno == ECONNRESET }
}

extension Exchange {
    /// The request line for the record: the parsed one, or the first line of what arrived.
    static func requestLine(_ parsed: HTTPRequest.Parsed, head: UnsafeRawPointer, received: Int) -> String? {
        if case .request(let request, _) = parsed { return request.line }
        guard received > 0 else { return nil }
        let bytes = UnsafeRawBufferPointer(start: head, count: min(received, HTTPRequest.lineShown))
        let line = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        return String(decoding: line.map { $0 >= 0x20 && $0 < 0x7F ? $0 : 0x3F }, as: UTF8.self)
    }
}
