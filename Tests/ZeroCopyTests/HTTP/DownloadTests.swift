import Foundation
import Glibc
import TestSupport
import Testing
import ZeroCopy

/// The download server against real clients: curl (where it is installed) for GET, HEAD and a
/// Range with each handler, its copy compared byte for byte with the sample by `cmp`; a raw
/// socket for what curl would never send; zctour's own client thread where curl is missing,
/// and one that hangs up half way.
@Suite struct DownloadTests {
    static let curl: String? = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first { (path: String) in access(path, X_OK) == 0 }
    static let handlers: [Demo] = [.httpLoop, .httpSendfile, .httpMmap]
    static let size = 3 << 20 | 12_345  // no buffer or page divides it

    struct Fetched {
        let exchange: Exchange
        let termination: Termination
        /// What curl wrote with --output, with --dump-header, and with --write-out.
        let output: [UInt8]
        let headers: String
        let code: String
        let identical: Bool
    }

    /// Serves one request from curl, run with `arguments`, on this thread.
    func fetch(_ demo: Demo, _ arguments: [String], path: String? = nil, buffer: Int = 64 << 10) throws -> Fetched {
        guard let curl = DownloadTests.curl else { throw NotATransfer(demo: "curl", sink: nil) }
        guard case .serve(let handler) = demo.run else { throw NotATransfer(demo: demo.id, sink: nil) }
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: DownloadTests.size)
        let server = try DownloadServer(path: "/sample.bin")
        let output = workspace.file("out.bin")
        let headers = workspace.file("headers.txt")
        let code = workspace.file("code.txt")
        let codeFD = open(code, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer {
            close(codeFD)
            close(null)
        }
        let url = "http://127.0.0.1:\(server.port)\(path ?? server.path)"
        let child = try ChildProcess.spawn(
            curl,
            arguments: [
                "curl", "-q", "--silent", "--noproxy", "*", "--max-time", "30", "--output", output, "--dump-header", headers, "--write-out",
                "%{http_code}",
            ] + arguments + [url],
            environment: [], input: null, output: codeFD, error: null)
        let file = open(sample.path, O_RDONLY | O_CLOEXEC)
        defer { close(file) }
        let exchange: Exchange
        do {
            let connection = try server.accept { nil }
            defer { server.finish(connection) }
            exchange = try server.serve(
                connection, file: file, filePath: sample.path, size: sample.size, buffer: buffer, window: UnmeasuredWindow(),
                handler: handler)
        }
        let termination = try child.wait()
        let identical = try ChildProcess.spawn(
            "/usr/bin/cmp", arguments: ["cmp", "-s", sample.path, output], environment: [], input: null, output: null, error: null
        ).wait()
        return Fetched(
            exchange: exchange, termination: termination, output: (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: output)))) ?? [],
            headers: (try? String(contentsOfFile: headers, encoding: .utf8)) ?? "",
            code: (try? String(contentsOfFile: code, encoding: .utf8)) ?? "",
            identical: identical == .exited(0))
    }

    @Test(
        .enabled(if: DownloadTests.curl != nil, "curl is not installed: its cases are skipped, the client thread's still run"),
        arguments: handlers)
    func curlGetsAByteIdenticalFile(demo: Demo) throws {
        let fetched = try fetch(demo, [])
        #expect(fetched.termination == .exited(0))
        #expect(fetched.code == "200")
        #expect(fetched.identical, "cmp found the copy differs from the sample")
        #expect(fetched.output.count == DownloadTests.size)
        #expect(fetched.exchange.status == .ok && fetched.exchange.bodyBytes == DownloadTests.size)
        #expect(fetched.exchange.requestReads == 1 && fetched.exchange.headWrites == 1)
        for field in [
            "HTTP/1.1 200 OK\r\n", "Content-Length: \(DownloadTests.size)\r\n", "Content-Type: application/octet-stream\r\n",
            "Connection: close\r\n",
        ] {
            #expect(fetched.headers.contains(field), "\(field) in \(fetched.headers)")
        }
    }

    @Test(
        .enabled(if: DownloadTests.curl != nil, "curl is not installed: its cases are skipped, the client thread's still run"),
        arguments: handlers)
    func aRangeIsThoseBytesExactly(demo: Demo) throws {
        let fetched = try fetch(demo, ["--range", "5000-70999"], buffer: 4096)
        #expect(fetched.termination == .exited(0))
        #expect(fetched.code == "206")
        let expected = Array(SampleFile.bytes(count: 71_000)[5000...])
        #expect(fetched.output == expected)
        #expect(fetched.headers.contains("Content-Range: bytes 5000-70999/\(DownloadTests.size)\r\n"))
        #expect(fetched.headers.contains("Content-Length: 66000\r\n"))
        #expect(fetched.exchange.rangeFirst == 5000 && fetched.exchange.rangeLast == 70999)
    }

    @Test(.enabled(if: DownloadTests.curl != nil, "curl is not installed: its cases are skipped, the client thread's still run"))
    func headSendsTheFieldsAndNoBody() throws {
        let fetched = try fetch(.httpSendfile, ["--head"])
        #expect(fetched.termination == .exited(0))
        #expect(fetched.code == "200")
        #expect(fetched.headers.contains("Content-Length: \(DownloadTests.size)\r\n"))
        #expect(fetched.exchange.bodyBytes == 0 && fetched.exchange.bodyCalls == 0)
    }

    @Test(.enabled(if: DownloadTests.curl != nil, "curl is not installed: its cases are skipped, the client thread's still run"))
    func anotherPathIs404AndARangePastTheEnd416() throws {
        let missing = try fetch(.httpLoop, [], path: "/etc/passwd")
        #expect(missing.termination == .exited(0))
        #expect(missing.code == "404")
        #expect(String(decoding: missing.output, as: UTF8.self) == "404 Not Found: this server has one file, /sample.bin\n")
        let past = try fetch(.httpLoop, ["--range", "\(DownloadTests.size)-"])
        #expect(past.code == "416")
        #expect(past.headers.contains("Content-Range: bytes */\(DownloadTests.size)\r\n"))
    }

    /// What a raw socket sends, and the first line of the server's answer.
    func raw(_ request: [UInt8], timeout: Int = 10_000) throws -> (answer: String, thrown: Error?) {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: 4096)
        let server = try DownloadServer(path: "/sample.bin", timeout: timeout)
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = server.port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        if !request.isEmpty { _ = request.withUnsafeBytes { write(client, $0.baseAddress, $0.count) } }
        let file = open(sample.path, O_RDONLY | O_CLOEXEC)
        defer { close(file) }
        var thrown: Error?
        do {
            let connection = try server.accept { nil }
            defer { server.finish(connection) }
            guard case .serve(let handler) = Demo.httpLoop.run else { return ("", nil) }
            _ = try server.serve(
                connection, file: file, filePath: sample.path, size: sample.size, buffer: 4096, window: UnmeasuredWindow(), handler: handler
            )
        } catch {
            thrown = error
        }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = read(client, &bytes, bytes.count)
        let answer = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self)
        return (answer.split(separator: "\r\n").first.map(String.init) ?? "", thrown)
    }

    @Test func garbageIs400AndAnOversizedHead431() throws {
        #expect(try raw(Array("\u{16}\u{3}\u{1}garbage\r\n\r\n".utf8)).answer == "HTTP/1.1 400 Bad Request")
        #expect(try raw(Array("GET /sample.bin HTTP/1.1\r\n\r\n".utf8)).answer == "HTTP/1.1 400 Bad Request")
        #expect(try raw([UInt8](repeating: 0x61, count: HTTPRequest.limit + 10)).answer == "HTTP/1.1 431 Request Header Fields Too Large")
    }

    @Test func aSilentClientGets408AfterTheTimeout() throws {
        let (answer, thrown) = try raw([], timeout: 200)
        #expect(answer == "HTTP/1.1 408 Request Timeout")
        #expect(thrown as? DownloadProblem == .noRequest(milliseconds: 200))
    }

    /// Without curl, zctour's own client thread fetches the file; each handler's copy verifies.
    @Test(arguments: handlers)
    func theClientThreadGetsTheFile(demo: Demo) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: DownloadTests.size)
        let report = try demo.serve(
            sample, buffer: 64 << 10, window: UnmeasuredWindow(), clientWindow: UnmeasuredWindow(), workspace: workspace, client: .thread)
        #expect(report.verification.passed)
        #expect(report.verification.checksum == sample.checksum)
        #expect(report.client.status == 200 && report.client.bodyBytes == DownloadTests.size)
        #expect(report.exchange.bodyBytes == DownloadTests.size)
    }

    /// A client that hangs up half way: the server's next write meets the reset, it stops, closes
    /// its side and returns; the demo reports how far it got. A second download works at once.
    @Test(arguments: handlers)
    func aClientThatHangsUpHalfWayEndsTheServerCleanly(demo: Demo) throws {
        signal(SIGPIPE, SIG_IGN)  // as zctour does: a write to a reset connection fails with EPIPE instead
        let workspace = try Workspace()
        defer { workspace.remove() }
        // More than the socket buffers hold beyond the half (the server's is at most a few MiB).
        let size = 16 << 20
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: size)
        #expect {
            try demo.serve(
                sample, buffer: 64 << 10, window: UnmeasuredWindow(), clientWindow: UnmeasuredWindow(), workspace: workspace,
                client: .thread, hangUpAfter: size / 2)
        } throws: { error in
            guard case .clientHungUp(let sent, let total, _) = error as? DownloadProblem else { return false }
            return total == size && sent < size
        }
        let again = try demo.serve(
            sample, buffer: 64 << 10, window: UnmeasuredWindow(), clientWindow: UnmeasuredWindow(), workspace: workspace, client: .thread)
        #expect(again.verification.passed)
    }
}
