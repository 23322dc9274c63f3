import CShims
import Glibc
import Syscalls

/// curl as the download's client, a separate process: started (posix_spawn) before the server
/// waits for it, with `-q` (no ~/.curlrc), `--noproxy '*'` (an http_proxy in the environment
/// must not take a loopback request elsewhere) and a time limit. What it reports of itself
/// (`--write-out` of the status and size) and the file it wrote are checked after it exits; its
/// /proc io counters are read before it is reaped, while the kernel still has them.
final class CurlClient {
    let pid: pid_t
    private let curl: String
    private var reaped = false
    private let output: String
    private let reportPath: String
    private let errorsPath: String

    init(curl: String, url: String, in workspace: Workspace, extra: [String] = []) throws {
        let output = workspace.file("curl-download.bin")
        let reportPath = workspace.file("curl-write-out.txt")
        let errorsPath = workspace.file("curl-stderr.txt")
        self.curl = curl
        self.output = output
        self.reportPath = reportPath
        self.errorsPath = errorsPath
        let arguments =
            [
                "curl", "-q", "--silent", "--show-error", "--noproxy", "*", "--max-time", "120", "--output", output,
                "--write-out", "%{http_code} %{size_download}\\n",
            ] + extra + [url]
        let report = try Syscall.value(.open, path: reportPath) { open(reportPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        defer { close(report) }
        let errors = try Syscall.value(.open, path: errorsPath) { open(errorsPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        defer { close(errors) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        try Syscall.returningErrno(.spawn, path: curl) {
            argv.withUnsafeMutableBufferPointer { zc_spawn_client(curl, $0.baseAddress, report, errors, &child) }
        }
        pid = child
    }

    deinit { stop() }

    /// Why curl will never connect: it has already exited.
    func gone() -> String? {
        var status: Int32 = 0
        guard zc_child_ended(pid, 1, &status) == 1 else { return nil }
        return "curl exited with status \(status) before connecting" + (lastError().map { ": \($0)" } ?? "")
    }

    /// Waits for curl to exit, reads its counters, reaps it, and checks the file it wrote.
    func finish() throws -> ClientReport {
        var status: Int32 = 0
        try Syscall.value(.waitChild) { zc_child_ended(pid, 0, &status) }
        let io = try? Syscall.readAll(path: "/proc/\(pid)/io", limit: 4096)
        var usage = rusage()
        var wait: Int32 = 0
        try Syscall.value(.waitChild) { zc_reap_child(pid, &wait, &usage) }
        reaped = true
        let said = (try? Syscall.readAll(path: reportPath, limit: 4096)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let fields = said.split(whereSeparator: { $0 == " " || $0 == "\n" })
        let code = fields.first.flatMap { Int($0) }
        var sum: Checksum?
        if access(output, F_OK) == 0 { sum = try Sink.checksumOfFile(output) }
        unlink(output)
        let cpu = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000_000 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000
        return ClientReport(
            kind: .curl(path: curl), status: code, bodyBytes: sum?.bytes ?? 0, checksum: sum?.value, exitStatus: status,
            message: status == 0 ? nil : lastError(), processIO: io.map { String(decoding: $0, as: UTF8.self) }, cpuNanoseconds: cpu,
            minorFaults: usage.ru_minflt, majorFaults: usage.ru_majflt)
    }

    /// Ends curl if it still runs (an interrupted or failed demo) and reaps it; its files go with
    /// the workspace.
    func stop() {
        guard !reaped else { return }
        reaped = true
        kill(pid, SIGKILL)
        var status: Int32 = 0
        var usage = rusage()
        while zc_reap_child(pid, &status, &usage) != 0 && errno == EINTR {}
        unlink(output)
    }

    /// The last line curl wrote to stderr.
    private func lastError() -> String? {
        guard let bytes = try? Syscall.readAll(path: errorsPath, limit: 64 << 10) else { return nil }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").last.map(String.init)
    }
}
