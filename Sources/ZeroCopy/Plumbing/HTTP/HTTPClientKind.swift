import Glibc

/// Who fetches a download: curl when it is installed (a real client nobody here wrote), else
/// zctour's own client thread. `ZCTOUR_HTTP_CLIENT=thread` (or `curl`) chooses one.
public enum HTTPClientKind: Sendable, Equatable, CustomStringConvertible {
    case curl(path: String)
    case thread

    /// curl from PATH unless `ZCTOUR_HTTP_CLIENT=thread`; `ZCTOUR_HTTP_CLIENT=curl` without curl
    /// installed is a one-line error rather than a silent fallback.
    public static func chosen() throws -> HTTPClientKind {
        let asked = getenv("ZCTOUR_HTTP_CLIENT").map { String(cString: $0) } ?? ""
        switch asked {
        case "thread": return .thread
        case "", "curl":
            if let path = findInPath("curl") { return .curl(path: path) }
            if asked == "curl" { throw MissingClient() }
            return .thread
        default: throw MissingClient(asked: asked)
        }
    }

    /// The first executable `name` in PATH.
    static func findInPath(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    public var description: String {
        switch self {
        case .curl(let path): "curl (\(path))"
        case .thread: "zctour's own client thread (curl is not installed)"
        }
    }

    /// `ZCTOUR_HTTP_CLIENT` asked for curl where there is none, or named no client.
    public struct MissingClient: Error, CustomStringConvertible {
        var asked = "curl"
        public var description: String {
            asked == "curl"
                ? "ZCTOUR_HTTP_CLIENT=curl, but curl is not in PATH; install it (apt-get install curl) or set ZCTOUR_HTTP_CLIENT=thread"
                : "ZCTOUR_HTTP_CLIENT='\(asked)' is not a client; use curl or thread"
        }
    }
}
