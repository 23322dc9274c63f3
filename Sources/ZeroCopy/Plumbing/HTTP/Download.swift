import Glibc
import Syscalls

/// One run of a download demo, as a user would see it: the server (DownloadServer) on this
/// thread, a client apart (curl, or zctour's client thread), one GET for the whole sample,
/// answered by `handler`; then the client's copy is checked against the sample, byte count and
/// checksum. The server's window runs from the request's arrival to the last byte sent; the
/// client's counters are its own (the thread's window, or curl's whole process).
public enum Download {
    public struct Report: Sendable, Equatable {
        public let exchange: Exchange
        public let client: ClientReport
        public let verification: Verification
        public let url: String
    }

    /// Serves `sample` once; `hangUpAfter` (thread client only) makes the client leave half way.
    public static func run(
        handler: (ResponseBody) throws -> Int, sample: SampleFile, buffer: Int, window: MeasurementWindow,
        clientWindow: MeasurementWindow, workspace: Workspace, client kind: HTTPClientKind, hangUpAfter: Int? = nil
    ) throws -> Report {
        let name = sample.path.split(separator: "/").last.map(String.init) ?? "sample.bin"
        let server = try DownloadServer(path: "/" + name)
        let file = try Syscall.value(.open, path: sample.path) { open(sample.path, O_RDONLY | O_CLOEXEC) }
        defer { close(file) }
        var curl: CurlClient?
        var thread: ThreadClient?
        switch kind {
        case .curl(let path): curl = try CurlClient(curl: path, url: server.url, in: workspace)
        case .thread: thread = try ThreadClient(port: server.port, path: server.path, window: clientWindow, hangUpAfter: hangUpAfter)
        }
        defer {
            curl?.stop()
            thread?.stop()
        }
        let connection = try server.accept { curl?.gone() }
        let exchange: Exchange
        do {
            defer { server.finish(connection) }
            exchange = try server.serve(
                connection, file: file, filePath: sample.path, size: sample.size, buffer: buffer, window: window, handler: handler)
        }
        let report = try curl?.finish() ?? thread?.finish()
        guard let report else { throw DownloadProblem.clientFailed("no client ran") }
        if let code = report.exitStatus, code != 0 {
            throw DownloadProblem.clientFailed("curl exited with status \(code)" + (report.message.map { ": \($0)" } ?? ""))
        }
        if let message = report.message, report.exitStatus == nil { throw DownloadProblem.clientFailed(message) }
        guard report.status == exchange.status.rawValue else {
            throw DownloadProblem.clientFailed(
                "the server answered \(exchange.status.rawValue), the client saw \(report.status.map(String.init) ?? "no status")")
        }
        let verification = Verification(
            bytes: report.bodyBytes, checksum: report.checksum, expected: sample, where: kind == .thread ? .client : .clientFile)
        return Report(exchange: exchange, client: report, verification: verification, url: server.url)
    }

    /// Fetches `path` from another HTTP server on 127.0.0.1 (the benchmarks' nginx) with the same
    /// client thread, `window` around its request and response; the body checked against `sample`.
    public static func fetch(port: UInt16, path: String, sample: SampleFile, window: MeasurementWindow) throws -> Verification {
        let client = try ThreadClient(port: port, path: path, window: window)
        let report = client.finish()
        if let message = report.message { throw DownloadProblem.clientFailed(message) }
        guard report.status == 200 else {
            throw DownloadProblem.clientFailed("the server answered \(report.status.map(String.init) ?? "nothing")")
        }
        return Verification(bytes: report.bodyBytes, checksum: report.checksum, expected: sample, where: .client)
    }
}
