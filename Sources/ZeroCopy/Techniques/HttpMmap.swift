import CYardstick
import Glibc
import Syscalls

/// The download handler that maps the file and writes the mapping to the socket in one call, as
/// servers did before sendfile (Apache's EnableMMAP): one syscall for the whole body, but not
/// zero-copy. The kernel copies every byte from the mapping into the socket's buffers, and the
/// page faults of the mapping are taken inside that write, on the server's thread.
public enum HttpMmap {
    static func body(_ body: ResponseBody) throws -> Int {
        // mmap maps from a page boundary: map from the one at or before the range's start.
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = body.offset / page * page
        let length = body.offset + body.count - start
        let mapping = try Syscall.pointer(.mmap, path: body.path, descriptor: body.file, failure: MAP_FAILED) {
            mmap(nil, length, PROT_READ, MAP_PRIVATE, body.file, off_t(start))
        }
        defer { munmap(mapping, length) }
        return try body.write(mapping + (body.offset - start), count: body.count)
    }
}

extension Demo {
    public static let httpMmap = Demo(
        id: "http-mmap", summary: "an HTTP download handler that maps the file and writes the mapping in one write(2)",
        run: .serve(HttpMmap.body), options: [.size, .cold],
        reasons: [.to: "its bytes go to an HTTP client over TCP", .buffer: "it writes the whole mapping in one call"],
        defaultSink: .socket, defaultBuffer: { size in size }, memory: { _, _ in 0 }, yardstick: Yardstick(zcy_mmap),
        extraDisk: { size in size })
}
