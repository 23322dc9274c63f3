import CYardstick
import Glibc
import Syscalls

/// Network → file the usual way (log collection, archiving an upload): read(2) the socket into
/// one reused buffer, write(2) the buffer to the file, to the end of the stream. Every byte is
/// copied twice, socket buffer → user buffer → page cache. /proc sees both sides: read on a
/// socket is a read-type syscall, as on a file.
public enum RecvLoop {
    static func run(_ reception: Reception) throws -> TransferReport {
        let size = reception.buffer
        let socket = reception.socket
        let file = reception.destination
        let path = reception.destinationPath
        let calls = try reception.measure {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
            defer { buffer.deallocate() }
            var calls = 0
            while true {
                try Interruption.check()
                let count = try Syscall.value(.read, descriptor: socket) { read(socket, buffer, size) }
                calls += 1
                if count == 0 { return calls }
                calls += try Syscall.writeAll(file, UnsafeRawBufferPointer(start: buffer, count: count), path: path)
            }
        }
        return TransferReport(calls: calls, notes: [reception.lowWaterNote])
    }
}

extension Demo {
    public static let recvLoop = Demo(
        id: "recv-loop", summary: "network → file: read(2) a TCP socket into one reused buffer, write(2) it to a file",
        run: .receive(RecvLoop.run), options: [.size, .buffer],
        reasons: [.to: "it always writes a file: the socket is its source", .cold: "its source is a socket, not the page cache"],
        defaultSink: .file, memory: { _, buffer in buffer }, yardstick: Yardstick(zcy_recv_loop))
}
