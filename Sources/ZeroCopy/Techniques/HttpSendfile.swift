import CYardstick
import Glibc
import Syscalls

/// The download handler as `io.Copy(w, file)` runs it on Linux when Go's server can see the
/// file and the connection: the head written, then sendfile(2) from the file to the socket, the
/// body never in user space. (Go takes this path only when the response has a Content-Length;
/// a chunked response is copied through a buffer. This server always sends the length.)
public enum HttpSendfile {
    static func body(_ body: ResponseBody) throws -> Int {
        var offset = off_t(body.offset)
        let end = off_t(body.offset + body.count)
        let perCall = min(body.buffer, Sendfile.maximumPerCall)
        var calls = 0
        while offset < end {
            try Interruption.check()
            let sent = try Syscall.value(.sendfile, path: body.path, descriptor: body.socket) {
                Glibc.sendfile(body.socket, body.file, &offset, min(perCall, Int(end - offset)))
            }
            calls += 1
            if sent == 0 { throw SampleSizeMismatch(path: body.path, expected: Int(end), found: Int(offset)) }
            body.noteSent(sent)
        }
        return calls
    }
}

extension Demo {
    public static let httpSendfile = Demo(
        id: "http-sendfile", summary: "an HTTP download handler that sends the file with sendfile(2), what io.Copy does on Linux",
        run: .serve(HttpSendfile.body), options: [.size, .buffer, .cold], reasons: [.to: "its bytes go to an HTTP client over TCP"],
        defaultSink: .socket, defaultBuffer: { size in min(size, Sendfile.maximumPerCall) }, memory: { _, _ in 0 }, kernelSide: true,
        yardstick: Yardstick(zcy_sendfile), extraDisk: { size in size })
}
