/// What the download's client got and, for curl, what it cost that process: its /proc io
/// counters and resource usage at exit (it is a separate process; the counters are its whole
/// life, start-up included).
public struct ClientReport: Sendable, Equatable {
    public let kind: HTTPClientKind
    /// The status the client saw: curl's `%{http_code}`, or the thread's parse of the status line.
    public let status: Int?
    /// The body bytes it received and their checksum (curl: its output file, read back).
    public let bodyBytes: Int
    public let checksum: UInt64?
    /// curl's exit status, and the last line it printed on stderr when it failed.
    public let exitStatus: Int32?
    public let message: String?
    /// curl's /proc/<pid>/io at exit, as the kernel printed it (the tour parses it).
    public let processIO: String?
    public let cpuNanoseconds: Int?
    public let minorFaults: Int?
    public let majorFaults: Int?
}
