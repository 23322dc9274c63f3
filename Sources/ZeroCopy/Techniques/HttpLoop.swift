import CYardstick
import Glibc
import Syscalls

/// The download handler of the blog post's "traditional approach": read 4 KiB of the file into a
/// buffer, write it to the response, until the whole body is out. Two syscalls and two copies
/// per 4 KiB (page cache → buffer, buffer → socket). Go's version writes through the
/// ResponseWriter's buffering; this one writes each chunk straight to the socket, so every
/// call shows. It stops at the Content-Length it announced, so it makes no end-of-file read.
public enum HttpLoop {
    /// The post's buffer: `buf := make([]byte, 4096)`.
    public static let postBuffer = 4 << 10

    static func body(_ body: ResponseBody) throws -> Int {
        if body.offset > 0 {
            try Syscall.value(.lseek, path: body.path, descriptor: body.file) { lseek(body.file, off_t(body.offset), SEEK_SET) }
        }
        let size = body.buffer
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        defer { buffer.deallocate() }
        var left = body.count
        var calls = 0
        while left > 0 {
            try Interruption.check()
            let count = try Syscall.value(.read, path: body.path, descriptor: body.file) { read(body.file, buffer, min(size, left)) }
            calls += 1
            if count == 0 {
                throw SampleSizeMismatch(path: body.path, expected: body.offset + body.count, found: body.offset + body.count - left)
            }
            calls += try body.write(buffer, count: count)
            left -= count
        }
        return calls
    }
}

extension Demo {
    public static let httpLoop = Demo(
        id: "http-loop", summary: "an HTTP download handler that reads 4 KiB and writes it to the socket, the post's loop",
        run: .serve(HttpLoop.body), options: [.size, .buffer, .cold], reasons: [.to: "its bytes go to an HTTP client over TCP"],
        defaultSink: .socket, defaultBuffer: { _ in HttpLoop.postBuffer }, memory: { _, buffer in buffer },
        yardstick: Yardstick(zcy_http_loop), extraDisk: { size in size })
}
