/// The status codes the download server answers with (RFC 9110 §15), each with its reason phrase.
public enum HTTPStatus: Int, Sendable, Codable, CaseIterable {
    case ok = 200
    case partialContent = 206
    case badRequest = 400
    case notFound = 404
    case methodNotAllowed = 405
    case requestTimeout = 408
    case rangeNotSatisfiable = 416
    case headerFieldsTooLarge = 431
    case versionNotSupported = 505

    public var reason: String {
        switch self {
        case .ok: "OK"
        case .partialContent: "Partial Content"
        case .badRequest: "Bad Request"
        case .notFound: "Not Found"
        case .methodNotAllowed: "Method Not Allowed"
        case .requestTimeout: "Request Timeout"
        case .rangeNotSatisfiable: "Range Not Satisfiable"
        case .headerFieldsTooLarge: "Request Header Fields Too Large"
        case .versionNotSupported: "HTTP Version Not Supported"
        }
    }

    /// Whether the response carries (part of) the file.
    public var sendsFile: Bool { self == .ok || self == .partialContent }
}
