import CShims
import Glibc
import Syscalls

/// A /proc file opened once and read with pread(2) at offset 0 into a buffer allocated once,
/// so that reading it costs exactly one read-type syscall and its text's bytes, no allocation.
/// Opened on the thread it describes: `/proc/thread-self` names the opener's thread for good.
final class ProcCounterFile {
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    let path: String

    init(path: String) throws(ProbeUnavailable) {
        self.path = path
        let fd: Int32
        do {
            fd = try Syscall.value(.open, path: path) { open(path, O_RDONLY | O_CLOEXEC) }
        } catch let error as SystemError {
            throw ProbeUnavailable(reason: "cannot open \(path): \(error.reason)" + (error.errno == ENOENT ? "; is /proc mounted?" : ""))
        } catch {
            throw ProbeUnavailable(reason: "cannot open \(path): \(error)")
        }
        self.fd = fd
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Reads the file's current text; returns the bytes read (the probe's own rchar cost).
    func read() -> UnsafeRawBufferPointer? {
        let count = try? Syscall.value(.pread, path: path, descriptor: fd) { pread(fd, buffer.baseAddress, buffer.count, 0) }
        return count.map { UnsafeRawBufferPointer(rebasing: buffer[..<$0]) }
    }
}
