import Foundation
import Glibc
import Syscalls
import ZeroCopy

/// The far end of a peer's standard output pipe: a thread that reads it to its end and
/// checksums what arrived, so a peer writing into a pipe is verified like a demo's sink, and
/// never blocks on a pipe nobody reads. A `HelperThread`: Ctrl-C, SIGTERM and SIGHUP reach the
/// tracer's thread, which stops the peer; this one only reads on to the end.
final class PipeChecksum: @unchecked Sendable {
    private let fd: Int32
    private var sum = Checksum()
    private var failure: SystemError?
    private var thread: HelperThread?

    init(fd: Int32) throws {
        self.fd = fd
        thread = try HelperThread { [self] in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
            defer { buffer.deallocate() }
            do {
                while true {
                    let count = try Syscall.value(.read, descriptor: fd) { read(fd, buffer.baseAddress, buffer.count) }
                    if count == 0 { break }
                    sum.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                }
            } catch {
                failure = error as? SystemError
            }
        }
    }

    /// Waits for the end of the pipe (every writer has closed it) and returns the bytes and
    /// their checksum; closes the descriptor.
    func finish() throws -> (bytes: Int, checksum: UInt64) {
        thread?.join()
        close(fd)
        if let failure { throw failure }
        return (sum.bytes, sum.value)
    }
}
