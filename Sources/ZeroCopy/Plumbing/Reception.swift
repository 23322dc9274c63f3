import CShims
import Glibc
import Syscalls

/// One run of a network → file technique: a TCP connection on 127.0.0.1 whose far end, a sender
/// thread, streams the sample into it once the window begins; the destination, a new file; and
/// the buffer. The technique reads the socket to its end and writes the file; the file is read
/// back and checked against the sample after the window.
///
/// The socket's SO_RCVLOWAT is set to the buffer (at most what the kernel allows), so a read or
/// splice waits until a full buffer has arrived instead of returning whatever TCP delivered so
/// far: the count of calls then depends on the sizes alone, not on the timing of two threads.
public final class Reception {
    public let socket: Int32
    public let destination: Int32
    public let destinationPath: String
    public let sample: SampleFile
    public let buffer: Int
    /// The low-water mark the kernel granted (it caps it at half the largest receive buffer).
    public let lowWater: Int
    let window: MeasurementWindow
    private let sender: LoopbackSender

    public init(sample: SampleFile, workspace: Workspace, buffer: Int, window: MeasurementWindow, senderWindow: MeasurementWindow) throws {
        let (listener, address) = try Loopback.listen()
        defer { close(listener) }
        let outgoing = try Loopback.connect(to: address)
        let incoming: Int32
        do {
            incoming = try Syscall.value(.accept, descriptor: listener) { zc_accept_cloexec(listener) }
        } catch {
            close(outgoing)
            throw error
        }
        var asked = Int32(clamping: buffer)
        var granted: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        do {
            try Syscall.value(.setsockopt, descriptor: incoming) {
                setsockopt(incoming, SOL_SOCKET, SO_RCVLOWAT, &asked, socklen_t(MemoryLayout<Int32>.size))
            }
            _ = getsockopt(incoming, SOL_SOCKET, SO_RCVLOWAT, &granted, &length)
            sender = try LoopbackSender(connection: outgoing, sample: sample, window: senderWindow)
        } catch {
            close(incoming)
            close(outgoing)
            throw error
        }
        let path = workspace.file("received.bin")
        do {
            destination = try Syscall.value(.open, path: path) { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        } catch {
            close(incoming)
            throw error
        }
        socket = incoming
        destinationPath = path
        self.sample = sample
        self.buffer = buffer
        lowWater = Int(granted)
        self.window = window
    }

    deinit {
        close(socket)
        sender.stop()
        close(destination)
        unlink(destinationPath)
    }

    /// Measures `body`, which reads the socket to its end and writes the file, and returns its
    /// syscalls: the sender is let go, the window opens, and the window closes when the last byte
    /// is in the file (so the wake-up of the sender is not among the receiver's calls).
    func measure(_ body: () throws -> Int) throws -> Int {
        sender.go()
        window.begin()
        let calls: Int
        do {
            calls = try body()
        } catch {
            window.end()
            throw sender.failure ?? error
        }
        window.end()
        sender.join()
        if let failure = sender.failure { throw failure }
        return calls
    }

    /// Reads the file back and checks it against the sample; after the window.
    public func verify() throws -> Verification {
        let sum = try Sink.checksumOfFile(destinationPath)
        return Verification(bytes: sum.bytes, checksum: sum.value, expected: sample, where: .readBack)
    }

    /// Notes for the record: the low-water mark, and when the kernel granted less than the buffer.
    var lowWaterNote: String {
        lowWater >= buffer
            ? "SO_RCVLOWAT \(lowWater): each read waits for a full \(Pipe.describe(buffer)) buffer; a splice from the "
                + "socket does not wait for it and takes what has arrived (tcp_splice_read)"
            : "SO_RCVLOWAT asked for \(buffer) bytes, the kernel granted \(lowWater) (half its largest receive buffer), "
                + "so some calls may return less than a buffer"
    }
}
