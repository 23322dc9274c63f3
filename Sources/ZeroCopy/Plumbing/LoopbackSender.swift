import Glibc
import Syscalls

/// The far end of the network → file demos: a thread that streams the sample into one TCP
/// connection on 127.0.0.1 with sendfile(2), then shuts its side, so the receiver reads to the
/// end of the stream. Its own window, on its own thread, begins before it says it is ready, so
/// its counters never mix with the receiver's and its probe's set-up is done before the
/// receiver's window; it sends when the receiver says `go`, just before its window begins.
final class LoopbackSender: @unchecked Sendable {
    private let connection: Int32
    private let source: Int32
    private let size: Int
    private let window: MeasurementWindow
    private let start = Rendezvous()
    private let ready = Rendezvous()
    private var thread: HelperThread?
    private(set) var failure: Error?
    private(set) var sent = 0

    init(connection: Int32, sample: SampleFile, window: MeasurementWindow) throws {
        source = try Syscall.value(.open, path: sample.path) { open(sample.path, O_RDONLY | O_CLOEXEC) }
        self.connection = connection
        size = sample.size
        self.window = window
        do {
            thread = try HelperThread { [self] in send() }
        } catch {
            close(source)
            throw error
        }
        ready.wait(for: .ready)
    }

    deinit {
        stop()
        close(source)
        close(connection)
    }

    /// Lets the sender start sending.
    func go() { start.post(.ready) }

    /// Stops a sender that is still sending (the receiver failed or was interrupted) and joins it.
    func stop() {
        start.post(.ready)
        shutdown(connection, Int32(SHUT_RDWR))
        join()
    }

    func join() { thread?.join() }

    private func send() {
        window.begin()
        defer { window.end() }
        ready.post(.ready)
        start.wait(for: .ready)
        do {
            while sent < size {
                let count = try Syscall.value(.sendfile, descriptor: connection) { Glibc.sendfile(connection, source, nil, size - sent) }
                if count == 0 { break }
                sent += count
            }
            try Syscall.value(.shutdown, descriptor: connection) { shutdown(connection, Int32(SHUT_WR)) }
        } catch {
            failure = error
        }
    }
}
