/// What the download server did with one connection: the request it read, the response it
/// sent, and the syscalls each part took on its thread.
public struct Exchange: Sendable, Equatable, Codable {
    /// The request line as received (nil when none arrived).
    public var request: String?
    public var status: HTTPStatus
    /// The bytes of the status line and fields.
    public var headBytes: Int
    /// The bytes of the body sent (the file or part of it, or an error's line of text).
    public var bodyBytes: Int
    /// The first and last byte of the file sent, for a 206.
    public var rangeFirst: Int?
    public var rangeLast: Int?
    /// The bytes of the request that arrived (its head; rchar counts them).
    public var requestBytes: Int
    /// read(2) calls that took the request (one when it arrives whole).
    public var requestReads: Int
    /// write(2) calls that sent the head (and an error's text).
    public var headWrites: Int
    /// The handler's calls for the body.
    public var bodyCalls: Int
    /// Why a request was refused or its Range ignored.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case request, status, note
        case headBytes = "head_bytes"
        case bodyBytes = "body_bytes"
        case rangeFirst = "range_first"
        case rangeLast = "range_last"
        case requestBytes = "request_bytes"
        case requestReads = "request_reads"
        case headWrites = "head_writes"
        case bodyCalls = "body_calls"
    }
}
