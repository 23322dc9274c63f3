/// One request head as the download server reads it (RFC 9112 §2–§5): the request line and the
/// fields the server acts on (Host, Range), or, when it is not a request this server answers,
/// the status that says why. Only the bytes up to the blank line are a request head; a request
/// with a body is refused, since a download has none.
public struct HTTPRequest: Sendable, Equatable {
    public enum Method: String, Sendable {
        case get = "GET"
        case head = "HEAD"
    }

    public let method: Method
    /// The origin-form target, `/sample-64M.bin`, without a query.
    public let path: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public let minorVersion: Int
    /// The Range field's value, if the request has one.
    public let range: String?
    /// The request line as received, for the run's record (at most `lineShown` characters).
    public let line: String

    /// The largest request head the server reads; a longer one is answered 431. Requests for a
    /// file are a few hundred bytes (curl's is under 100).
    public static let limit = 8 << 10
    static let lineShown = 200

    public enum Parsed: Sendable, Equatable {
        /// No blank line yet: read more (unless the limit is reached).
        case incomplete
        /// A request, and the length of its head in bytes.
        case request(HTTPRequest, headLength: Int)
        /// Not a request this server answers: the status, and why, in a few words.
        case refused(HTTPStatus, String)
    }

    /// Parses a request head from the bytes received so far.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Parsed {
        guard let end = headEnd(bytes) else {
            return bytes.count >= limit ? .refused(.headerFieldsTooLarge, "the request head is longer than \(limit) bytes") : .incomplete
        }
        guard end.length <= limit else { return .refused(.headerFieldsTooLarge, "the request head is longer than \(limit) bytes") }
        let lines = HTTPRequest.lines(bytes.prefix(end.content))
        guard let first = lines.first else { return .refused(.badRequest, "an empty request") }
        guard first.unicodeScalars.allSatisfy({ $0.isASCII && isVisibleOrSpace($0) }) else {
            return .refused(.badRequest, "control or non-ASCII characters in the request line")
        }
        let parts = first.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            return .refused(.badRequest, "the request line is not METHOD TARGET HTTP/1.x")
        }
        let version = parts[2]
        guard version.hasPrefix("HTTP/"), version.count == 8, version.dropFirst(5).first?.isNumber == true,
            version.dropFirst(6).first == ".", version.last?.isNumber == true
        else { return .refused(.badRequest, "'\(shown(version))' is not an HTTP version") }
        guard version.hasPrefix("HTTP/1."), let minor = Int(String(version.suffix(1))), minor <= 1 else {
            return .refused(.versionNotSupported, "this server speaks HTTP/1.0 and HTTP/1.1, not \(version)")
        }
        guard parts[0].unicodeScalars.allSatisfy(isTokenCharacter) else { return .refused(.badRequest, "the method is not a token") }
        guard let method = Method(rawValue: String(parts[0])) else {
            return .refused(.methodNotAllowed, "\(shown(parts[0])) is not GET or HEAD")
        }
        let target = parts[1]
        guard target.hasPrefix("/") else { return .refused(.badRequest, "the target '\(shown(target))' is not a path") }
        var host = 0
        var range: String?
        var ranges = 0
        for line in lines.dropFirst() {
            guard !line.isEmpty else { break }
            guard line.unicodeScalars.allSatisfy({ isVisibleOrSpace($0) || $0 == "\t" }) else {
                return .refused(.badRequest, "control characters in a header field")
            }
            if line.first == " " || line.first == "\t" { return .refused(.badRequest, "a folded header line (obs-fold)") }
            guard let colon = line.firstIndex(of: ":") else { return .refused(.badRequest, "a header line without a colon") }
            let name = line[..<colon]
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(isTokenCharacter) else {
                return .refused(.badRequest, "the header name '\(shown(name))' is not a token")
            }
            let value = line[line.index(after: colon)...].trimmingOWS()
            switch name.lowercased() {
            case "host": host += 1
            case "range":
                ranges += 1
                range = String(value)
            case "content-length" where value != "0", "transfer-encoding":
                return .refused(.badRequest, "a download request has no body")
            default: break
            }
        }
        if minor == 1 && host != 1 {
            return .refused(.badRequest, host == 0 ? "an HTTP/1.1 request without a Host field" : "more than one Host field")
        }
        if ranges > 1 { return .refused(.badRequest, "more than one Range field") }
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? target
        let request = HTTPRequest(
            method: method, path: String(path), minorVersion: minor, range: range, line: String(first.prefix(lineShown)))
        return .request(request, headLength: end.length)
    }

    /// Where the head ends: the bytes before the blank line and the length with it. A bare LF
    /// ends a line too (RFC 9112 §2.2 allows a recipient to accept it).
    static func headEnd(_ bytes: UnsafeRawBufferPointer) -> (content: Int, length: Int)? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < bytes.count && bytes[index + 1] == 0x0D && bytes[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The lines of a head, split at LF with a CR before it dropped, as bytes and then text
    /// (Swift's "\r\n" is one Character, so the text itself cannot be split at "\n").
    static func lines(_ bytes: some Collection<UInt8>) -> [Substring] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            Substring(String(decoding: line.last == 0x0D ? line.dropLast() : line[...], as: UTF8.self))
        }
    }

    /// tchar (RFC 9110 §5.6.2).
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII, scalar.value > 0x20, scalar.value < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".unicodeScalars.contains(scalar)
    }

    static func isVisibleOrSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x20 && scalar.value != 0x7F }

    /// A piece of the request as an error message may quote it: short, and printable.
    static func shown(_ text: Substring) -> String {
        let visible = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.map(Character.init))
        return visible.count > 40 ? String(visible.prefix(40)) + "…" : visible
    }
}

extension Substring {
    /// Without the optional whitespace (spaces and tabs) around a field value.
    func trimmingOWS() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
