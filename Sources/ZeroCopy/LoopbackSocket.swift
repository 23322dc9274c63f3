import Glibc

/// The far end of the `socket` sink: a thread that accepts one TCP connection on 127.0.0.1,
/// read(2)s everything until end of stream and checksums it. It reads with `read`, not `recv`,
/// because /proc/<pid>/io counts `read` on a socket but not `recv`. Its measured window is its
/// own, on its own thread, so its counters never mix with the sender's.
final class LoopbackReceiver: @unchecked Sendable {
    private let listener: Int32
    private let window: MeasurementWindow
    private var thread = pthread_t()
    private var started = false
    private var joined = false
    private(set) var arrival = Checksum()
    private(set) var reads = 0
    private var failure: Error?

    static let readSize = 256 << 10

    /// Listens, connects the sender's socket, then starts the receiver (the connection waits
    /// in the backlog, so nothing can block). Returns the sender's descriptor.
    static func connect(peerWindow: MeasurementWindow) throws -> (Int32, LoopbackReceiver) {
        let listener = try systemCall("socket(AF_INET, SOCK_STREAM)") {
            socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        do {
            _ = try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try systemCall("bind(\(listener), 127.0.0.1:0)") { bind(listener, generic, length) }
                }
            }
            _ = try systemCall("listen(\(listener))") { listen(listener, 1) }
            _ = try withUnsafeMutablePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try systemCall("getsockname(\(listener))") { getsockname(listener, generic, &length) }
                }
            }
        } catch {
            close(listener)
            throw error
        }
        let port = UInt16(bigEndian: address.sin_port)
        let sender: Int32
        do {
            sender = try systemCall("socket(AF_INET, SOCK_STREAM)") {
                socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            }
            do {
                _ = try withUnsafePointer(to: &address) { pointer in
                    try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                        try systemCall("connect(\(sender), 127.0.0.1:\(port))") {
                            Glibc.connect(sender, generic, length)
                        }
                    }
                }
            } catch {
                close(sender)
                throw error
            }
        } catch {
            close(listener)
            throw error
        }
        let receiver = LoopbackReceiver(listener: listener, window: peerWindow)
        do {
            try receiver.start()
        } catch {
            close(sender)
            throw error
        }
        return (sender, receiver)
    }

    private init(listener: Int32, window: MeasurementWindow) {
        self.listener = listener
        self.window = window
    }

    deinit { close(listener) }

    private func start() throws {
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            let receiver = Unmanaged<LoopbackReceiver>.fromOpaque(context).takeRetainedValue()
            receiver.receive()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<LoopbackReceiver>.fromOpaque(context).release()
            throw SystemError(call: "pthread_create", errno: result)
        }
        started = true
    }

    /// The receiving thread: signals stay with the main thread, which owns cancellation.
    private func receive() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        do {
            let connection = try systemCall("accept(\(listener))") { accept(listener, nil, nil) }
            defer { close(connection) }
            let size = LoopbackReceiver.readSize
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
            defer { buffer.deallocate() }
            window.begin()
            while true {
                let count = try systemCall("read(\(connection), \(size))") { read(connection, buffer, size) }
                reads += 1
                if count == 0 { break }
                arrival.update(buffer, count: count)
            }
            window.end()
        } catch {
            failure = error
        }
    }

    /// Waits for the receiver to see the end of the stream; rethrows what it failed with.
    func join() throws {
        guard started, !joined else { return }
        joined = true
        pthread_join(thread, nil)
        if let failure { throw failure }
    }

    /// On an early exit the sender's descriptor is already closed, so the receiver sees the
    /// end of the stream and the join returns at once.
    func abandon() {
        guard started, !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }
}
