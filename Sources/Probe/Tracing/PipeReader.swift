import CShims
import Foundation
import Glibc

/// Drains a pipe on its own thread into memory.
final class PipeReader: @unchecked Sendable {
    private let fd: Int32
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    init(fd: Int32) {
        self.fd = fd
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                data.append(contentsOf: buffer[..<count])
            }
            done.signal()
        }
    }

    /// Waits for the end of the pipe (the tracee has exited) and returns what was read.
    @discardableResult
    func finish() -> Data {
        if !finished {
            finished = true
            done.wait()
            close(fd)
        }
        return data
    }
}
