import Glibc
import Syscalls

/// The far end of the `socket` sink: a thread that read(2)s one TCP connection on 127.0.0.1
/// to its end and checksums it. It reads with `read`, not `recv`, because /proc/<pid>/io counts
/// `read` on a socket but not `recv`. Its measured window is its own, on its own thread, so its
/// counters never mix with the sender's.
///
/// The sender's window must cover the transfer and nothing else: the connection is accepted
/// before the thread starts, the sender waits until the receiver is ready (buffer allocated,
/// window begun) before measuring, and `finish` waits for "all bytes arrived", not for the
/// thread's exit, which happens after the window.
final class LoopbackReceiver: @unchecked Sendable {
    private let connection: Int32
    private let window: MeasurementWindow
    private var thread: HelperThread?
    private(set) var arrival = Checksum()
    private(set) var failure: Error?
    private let signal = Rendezvous()

    static let readSize = 256 << 10

    /// Listens, connects, accepts (the connection is complete in the backlog, so nothing can
    /// block), closes the listener, and starts the receiver. Returns the sender's descriptor.
    static func connect(peerWindow: MeasurementWindow) throws -> (Int32, LoopbackReceiver) {
        let (listener, address) = try Loopback.listen()
        defer { close(listener) }
        let sender = try Loopback.connect(to: address)
        do {
            let connection = try Syscall.value(.accept, descriptor: listener) { accept(listener, nil, nil) }
            let receiver = LoopbackReceiver(connection: connection, window: peerWindow)
            do {
                try receiver.start()
            } catch {
                close(connection)
                throw error
            }
            return (sender, receiver)
        } catch {
            close(sender)
            throw error
        }
    }

    private init(connection: Int32, window: MeasurementWindow) {
        self.connection = connection
        self.window = window
    }

    /// Starts the thread (signals blocked in it: cancellation belongs to the main thread), and
    /// waits until it is ready to receive.
    private func start() throws {
        thread = try HelperThread { [self] in receive() }
        signal.wait(for: .ready)
    }

    private func receive() {
        let size = LoopbackReceiver.readSize
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer {
            buffer.deallocate()
            close(connection)
        }
        window.begin()
        signal.post(.ready)
        do {
            while true {
                let count = try Syscall.value(.read, descriptor: connection) { read(connection, buffer, size) }
                if count == 0 { break }
                arrival.update(buffer, count: count)
            }
        } catch {
            failure = error
        }
        window.end()
        signal.post(.done)
    }

    /// Waits until the receiver has seen the end of the stream (not for its thread to exit);
    /// rethrows what it failed with.
    func waitUntilDone() throws {
        signal.wait(for: .done)
        if let failure { throw failure }
    }

    /// Joins the thread, after the window. The sender's descriptor is closed first, so the
    /// receiver sees the end of the stream and this returns at once.
    func join() { thread?.join() }
}
