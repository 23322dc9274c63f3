import Testing
import ZeroCopy

/// The download server's reading of a request head and its answers, byte for byte: what RFC
/// 9112 and RFC 9110 ask of a server with one file, and the one-line reason for every refusal.
@Suite struct HTTPRequestTests {
    func parse(_ text: String) -> HTTPRequest.Parsed {
        Array(text.utf8).withUnsafeBytes { HTTPRequest.parse($0) }
    }

    func refusal(_ text: String) -> HTTPStatus? {
        if case .refused(let status, _) = parse(text) { return status }
        return nil
    }

    @Test func aGetWithHostAndRangeIsARequest() throws {
        let head = "GET /sample-1M.bin?x=1 HTTP/1.1\r\nHost: 127.0.0.1:80\r\nRange: bytes=0-99\r\nAccept: */*\r\n\r\n"
        guard case .request(let request, let length) = parse(head) else {
            Issue.record("not a request: \(parse(head))")
            return
        }
        #expect(request.method == .get)
        #expect(request.path == "/sample-1M.bin")
        #expect(request.minorVersion == 1)
        #expect(request.range == "bytes=0-99")
        #expect(request.line == "GET /sample-1M.bin?x=1 HTTP/1.1")
        #expect(length == head.utf8.count)
    }

    @Test func bareLineFeedsEndLinesAndHTTP10NeedsNoHost() {
        guard case .request(let request, _) = parse("HEAD / HTTP/1.0\n\n") else {
            Issue.record("HTTP/1.0 without Host is a request")
            return
        }
        #expect(request.method == .head && request.minorVersion == 0)
    }

    @Test func anUnfinishedHeadAsksForMore() {
        #expect(parse("GET / HTTP/1.1\r\nHost: x\r\n") == .incomplete)
        #expect(parse("") == .incomplete)
    }

    @Test func whatIsNotARequestGetsItsStatus() {
        #expect(refusal("GET / HTTP/1.1\r\n\r\n") == .badRequest)  // no Host
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == .badRequest)
        #expect(refusal("hello there\r\n\r\n") == .badRequest)
        #expect(refusal("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") == .badRequest)  // two spaces
        #expect(refusal("GET sample HTTP/1.1\r\nHost: a\r\n\r\n") == .badRequest)  // not a path
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n") == .badRequest)
        #expect(refusal("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == .badRequest)  // space before the colon
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello") == .badRequest)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nRange: bytes=0-1\r\nRange: bytes=2-3\r\n\r\n") == .badRequest)
        #expect(refusal("GET /\u{1}x HTTP/1.1\r\nHost: a\r\n\r\n") == .badRequest)
        #expect(refusal("GET /é HTTP/1.1\r\nHost: a\r\n\r\n") == .badRequest)
        #expect(refusal("POST / HTTP/1.1\r\nHost: a\r\n\r\n") == .methodNotAllowed)
        #expect(refusal("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == .versionNotSupported)
        #expect(refusal("GET / HTTP/1.x\r\nHost: a\r\n\r\n") == .badRequest)
    }

    @Test func aHeadLongerThanTheLimitIs431WithOrWithoutItsEnd() {
        let long = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "a", count: HTTPRequest.limit) + "\r\n\r\n"
        #expect(refusal(long) == .headerFieldsTooLarge)
        #expect(refusal(String(long.dropLast(4))) == .headerFieldsTooLarge)
        #expect(refusal(String(repeating: "a", count: HTTPRequest.limit - 1)) == nil)
    }

    @Test func rangesResolveAgainstTheFile() {
        #expect(ByteRange.resolve("bytes=0-99", size: 1000) == .satisfiable(first: 0, last: 99))
        #expect(ByteRange.resolve("bytes=990-", size: 1000) == .satisfiable(first: 990, last: 999))
        #expect(ByteRange.resolve("bytes=-10", size: 1000) == .satisfiable(first: 990, last: 999))
        #expect(ByteRange.resolve("bytes=-5000", size: 1000) == .satisfiable(first: 0, last: 999))
        #expect(ByteRange.resolve("bytes=500-99999999999999999999999", size: 1000) == .satisfiable(first: 500, last: 999))
        #expect(ByteRange.resolve(" bytes = 1 - 2 ", size: 1000) == .ignored("not a bytes range"))
        #expect(ByteRange.resolve("bytes=1000-", size: 1000) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=-0", size: 1000) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=0-1,5-6", size: 1000) == .ignored("several ranges; this server sends the whole file instead"))
        #expect(ByteRange.resolve("bytes=9-1", size: 1000) == .ignored("a range whose last byte comes before its first"))
        #expect(ByteRange.resolve("items=0-1", size: 1000) == .ignored("not a bytes range"))
        #expect(ByteRange.resolve("bytes=a-b", size: 1000) == .ignored("a range that is not digits"))
    }

    @Test func theAnswersCarryTheirFieldsAndTheRightBytes() throws {
        func answer(_ head: String) -> HTTPResponse {
            HTTPResponse.answer(parse(head), path: "/f.bin", size: 1000, now: 1_796_112_061)
        }
        let whole = answer("GET /f.bin HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(
            String(decoding: whole.head, as: UTF8.self)
                == "HTTP/1.1 200 OK\r\nDate: Tue, 01 Dec 2026 08:01:01 GMT\r\nServer: zctour\r\n"
                + "Content-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n")
        #expect(whole.file?.offset == 0 && whole.file?.count == 1000)
        let part = answer("GET /f.bin HTTP/1.1\r\nHost: a\r\nRange: bytes=10-19\r\n\r\n")
        #expect(part.status == .partialContent)
        #expect(String(decoding: part.head, as: UTF8.self).contains("\r\nContent-Range: bytes 10-19/1000\r\nContent-Length: 10\r\n"))
        #expect(part.file?.offset == 10 && part.file?.count == 10)
        let head = answer("HEAD /f.bin HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(head.status == .ok && head.file == nil && head.text.isEmpty)
        #expect(String(decoding: head.head, as: UTF8.self).contains("Content-Length: 1000\r\n"))
        let missing = answer("GET /other HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(missing.status == .notFound && missing.file == nil)
        #expect(String(decoding: missing.text, as: UTF8.self) == "404 Not Found: this server has one file, /f.bin\n")
        #expect(String(decoding: missing.head, as: UTF8.self).contains("Content-Length: \(missing.text.count)\r\n"))
        let past = answer("GET /f.bin HTTP/1.1\r\nHost: a\r\nRange: bytes=5000-\r\n\r\n")
        #expect(past.status == .rangeNotSatisfiable)
        #expect(String(decoding: past.head, as: UTF8.self).contains("Content-Range: bytes */1000\r\n"))
        let post = answer("PUT /f.bin HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(String(decoding: post.head, as: UTF8.self).contains("\r\nAllow: GET, HEAD\r\n"))
        for response in [whole, part, head, missing, past, post] {
            #expect(String(decoding: response.head, as: UTF8.self).hasSuffix("Connection: close\r\n\r\n"))
        }
    }
}
