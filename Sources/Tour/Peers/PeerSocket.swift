import Foundation
import Glibc
import Syscalls
import ZeroCopy

/// The far end of a peer that sends over TCP: a listener on 127.0.0.1 (its port goes into the
/// peer's arguments) and a thread of zctour's, not traced, that accepts one connection, reads it
/// to its end and checksums it, so a sending peer is verified like a demo's socket sink. The
/// thread blocks Ctrl-C, SIGTERM and SIGHUP, which belong to the tracer's thread.
final class PeerSocket: @unchecked Sendable {
    private let listener: Int32
    let port: Int
    private var sum = Checksum()
    private var failure: Error?
    private let done = DispatchSemaphore(value: 0)

    init() throws {
        let fd = try Syscall.value(.socket) { socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        do {
            _ = try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try Syscall.value(.bind, descriptor: fd) { bind(fd, generic, length) }
                }
            }
            try Syscall.value(.listen, descriptor: fd) { listen(fd, 1) }
            _ = try withUnsafeMutablePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try Syscall.value(.getsockname, descriptor: fd) { getsockname(fd, generic, &length) }
                }
            }
        } catch {
            close(fd)
            throw error
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            var signals = sigset_t()
            sigemptyset(&signals)
            for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
            pthread_sigmask(SIG_BLOCK, &signals, nil)
            receive()
            done.signal()
        }
    }

    private func receive() {
        let connection: Int32
        do {
            connection = try Syscall.value(.accept, descriptor: listener) { accept(listener, nil, nil) }
        } catch {
            failure = error  // `finish` shut the listener down: the peer never connected
            return
        }
        defer { close(connection) }
        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)  // accept4, which sets it at once, is hidden from Swift
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        defer { buffer.deallocate() }
        do {
            while true {
                let count = try Syscall.value(.read, descriptor: connection) { read(connection, buffer.baseAddress, buffer.count) }
                if count == 0 { break }
                sum.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            }
        } catch {
            failure = error
        }
    }

    /// After the peer has exited: waits for the end of its stream (a peer that never connected
    /// wakes the accept by the listener's shutdown), closes the listener and returns what arrived.
    func finish() throws -> (bytes: Int, checksum: UInt64) {
        shutdown(listener, Int32(SHUT_RDWR))
        done.wait()
        close(listener)
        if let failure, sum.bytes > 0 { throw failure }
        return (sum.bytes, sum.value)
    }
}
