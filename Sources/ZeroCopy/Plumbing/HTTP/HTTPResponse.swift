import Glibc

/// What the download server sends for one request: the status line and fields (RFC 9110, RFC
/// 9112 §4), and which bytes of the file follow them. Every response says `Connection: close`
/// (one exchange per connection, then the server closes it) and gives its `Content-Length`, so
/// the client knows where the body ends and the server never needs chunked encoding.
public struct HTTPResponse: Sendable, Equatable {
    public let status: HTTPStatus
    /// The status line and the fields, ending with the blank line.
    public let head: [UInt8]
    /// The bytes of the file the body is (a GET answered 200 or 206); nil for HEAD and errors.
    public let file: (offset: Int, count: Int)?
    /// The body of an error, a line of text; empty for HEAD.
    public let text: [UInt8]
    /// Why the request was refused, or why its Range was not honoured.
    public let note: String?

    public static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
        a.status == b.status && a.head == b.head && a.file?.offset == b.file?.offset && a.file?.count == b.file?.count
            && a.text == b.text && a.note == b.note
    }

    /// The answer to `parsed` from a server that has one file, `path`, of `size` bytes.
    public static func answer(_ parsed: HTTPRequest.Parsed, path: String, size: Int, now: time_t = time(nil)) -> HTTPResponse {
        switch parsed {
        case .incomplete:
            return error(.badRequest, "the request ended before its blank line", head: false, now: now)
        case .refused(let status, let why):
            return error(status, why, head: false, now: now)
        case .request(let request, _):
            let isHead = request.method == .head
            guard request.path == path else {
                return error(.notFound, "this server has one file, \(path)", head: isHead, now: now)
            }
            var fields = [("Content-Type", "application/octet-stream"), ("Accept-Ranges", "bytes")]
            var first = 0
            var count = size
            var status = HTTPStatus.ok
            var note: String?
            if let range = request.range {
                switch ByteRange.resolve(range, size: size) {
                case .satisfiable(let from, let last):
                    status = .partialContent
                    first = from
                    count = last - from + 1
                    fields.append(("Content-Range", "bytes \(from)-\(last)/\(size)"))
                case .unsatisfiable:
                    return error(
                        .rangeNotSatisfiable, "the range \(range) is past the end of the \(size)-byte file", head: isHead, now: now,
                        extra: [("Content-Range", "bytes */\(size)")])
                case .ignored(let why):
                    note = "Range '\(HTTPRequest.shown(Substring(range)))' ignored (\(why)): the whole file is sent"
                }
            }
            fields.append(("Content-Length", String(count)))
            return HTTPResponse(
                status: status, head: head(status, fields, now: now), file: isHead ? nil : (first, count), text: [], note: note)
        }
    }

    /// An error with a one-line text body (none for HEAD), which says what was wrong.
    static func error(
        _ status: HTTPStatus, _ why: String, head isHead: Bool, now: time_t, extra: [(String, String)] = []
    ) -> HTTPResponse {
        let text = Array("\(status.rawValue) \(status.reason): \(why)\n".utf8)
        var fields = [("Content-Type", "text/plain; charset=utf-8")] + extra
        if status == .methodNotAllowed { fields.append(("Allow", "GET, HEAD")) }
        fields.append(("Content-Length", String(text.count)))
        return HTTPResponse(status: status, head: head(status, fields, now: now), file: nil, text: isHead ? [] : text, note: why)
    }

    static func head(_ status: HTTPStatus, _ fields: [(String, String)], now: time_t) -> [UInt8] {
        var text = "HTTP/1.1 \(status.rawValue) \(status.reason)\r\nDate: \(imfDate(now))\r\nServer: zctour\r\n"
        for (name, value) in fields { text += "\(name): \(value)\r\n" }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8)
    }

    /// The date as HTTP writes it, `Tue, 01 Dec 2026 08:54:21 GMT` (IMF-fixdate, RFC 9110
    /// §5.6.7), spelled out here rather than by strftime, whose names follow the locale.
    static func imfDate(_ time: time_t) -> String {
        var moment = time
        var parts = tm()
        gmtime_r(&moment, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = days[Int(parts.tm_wday) % 7]
        let month = months[Int(parts.tm_mon) % 12]
        return
            "\(day), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
