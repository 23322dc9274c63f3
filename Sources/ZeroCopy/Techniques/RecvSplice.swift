import CShims
import CYardstick
import Glibc
import Syscalls

/// Network → file inside the kernel: splice(2) the socket into a pipe, then the pipe into the
/// file, the pipe as the kernel's buffer; no byte reaches user space. splice is not counted in
/// /proc/<pid>/io at all, so the receiver's syscall and byte counters see nothing (unseen),
/// while the sender's sendfile shows in full; the tracer counts the splices.
public enum RecvSplice {
    static func run(_ reception: Reception) throws -> TransferReport {
        let pipe = try Pipe(capacity: reception.buffer)
        let chunk = min(reception.buffer, pipe.capacity)
        let socket = reception.socket
        let file = reception.destination
        let path = reception.destinationPath
        var moved = 0
        let calls = try reception.measure {
            var calls = 0
            while true {
                try Interruption.check()
                let filled = try Syscall.value(.splice, descriptor: socket) { zc_splice(socket, nil, pipe.write, nil, chunk, 0) }
                calls += 1
                if filled == 0 { return calls }
                calls += try pipe.drain(filled, to: file, sink: nil, path: path)
                moved += filled
            }
        }
        var notes = [
            "a pipe of \(Pipe.describe(pipe.capacity)); each chunk is spliced socket → pipe, then pipe → file", reception.lowWaterNote,
        ]
        if reception.buffer > chunk {
            notes.append(
                "--buffer asked for \(Pipe.describe(reception.buffer)) per splice, but a pipe holds at most \(Pipe.describe(chunk)) here")
        }
        return TransferReport(calls: calls, notes: notes)
    }
}

extension Demo {
    public static let recvSplice = Demo(
        id: "recv-splice", summary: "network → file with splice(2): socket → pipe → file, nothing in user space",
        run: .receive(RecvSplice.run), options: [.size, .buffer],
        reasons: [.to: "it always writes a file: the socket is its source", .cold: "its source is a socket, not the page cache"],
        defaultSink: .file, blindSpot: .ioCounters("/proc/<pid>/io does not account splice at all"), memory: { _, _ in 0 },
        kernelSide: true, yardstick: Yardstick(zcy_recv_splice))
}
