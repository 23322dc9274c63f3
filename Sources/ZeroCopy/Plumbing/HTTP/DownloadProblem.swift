/// A download that did not complete, said for people: which side stopped, and where.
public enum DownloadProblem: Error, Equatable, CustomStringConvertible {
    /// The client never connected (curl failed to start or exited first, or the wait timed out).
    case clientNeverConnected(String)
    /// The connection came but no complete request did within the timeout.
    case noRequest(milliseconds: Int)
    /// The client closed the connection while the body was going out.
    case clientHungUp(sent: Int, of: Int, reason: String)
    /// The client finished but did not get what the server sent.
    case clientFailed(String)

    public var description: String {
        switch self {
        case .clientNeverConnected(let why): "the client never connected: \(why)"
        case .noRequest(let milliseconds): "the client connected but sent no complete request within \(milliseconds) ms (answered 408)"
        case .clientHungUp(let sent, let total, let reason):
            "the client closed the connection after \(grouped(sent)) of \(grouped(total)) bytes of the body (\(reason)); "
                + "the server stopped sending, closed its side and ended cleanly"
        case .clientFailed(let why): "the client did not receive the file: \(why)"
        }
    }
}

/// A count as people read it: 67,108,864.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var text = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
        text.append(digit)
    }
    return (value < 0 ? "-" : "") + text
}
