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
    private var thread = pthread_t()
    private var joined = false
    private(set) var arrival = Checksum()
    private(set) var failure: Error?
    private let signal = Rendezvous()

    static let readSize = 256 << 10

    /// Listens, connects, accepts (the connection is complete in the backlog, so nothing can
    /// block), closes the listener, and starts the receiver. Returns the sender's descriptor.
    static func connect(peerWindow: MeasurementWindow) throws -> (Int32, LoopbackReceiver) {
        let listener = try Syscall.value(.socket) { socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                try Syscall.value(.bind, descriptor: listener) { bind(listener, generic, length) }
            }
        }
        try Syscall.value(.listen, descriptor: listener) { listen(listener, 1) }
        _ = try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                try Syscall.value(.getsockname, descriptor: listener) { getsockname(listener, generic, &length) }
            }
        }
        let sender = try Syscall.value(.socket) { socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        do {
            _ = try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try Syscall.value(.connect, descriptor: sender) { Glibc.connect(sender, generic, length) }
                }
            }
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

    /// Starts the thread with SIGINT and SIGTERM blocked in it (cancellation belongs to the
    /// main thread), and waits until it is ready to receive.
    private func start() throws {
        var signals = sigset_t()
        var previous = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGHUP)
        pthread_sigmask(SIG_BLOCK, &signals, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let context = Unmanaged.passRetained(self).toOpaque()
        do {
            try Syscall.returningErrno(.pthreadCreate) {
                pthread_create(
                    &thread, nil,
                    { context in
                        guard let context else { return nil }
                        Unmanaged<LoopbackReceiver>.fromOpaque(context).takeRetainedValue().receive()
                        return nil
                    }, context)
            }
        } catch {
            Unmanaged<LoopbackReceiver>.fromOpaque(context).release()
            joined = true
            throw error
        }
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
    func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }
}
