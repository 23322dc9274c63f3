import Glibc
import Syscalls

/// An open destination. Demos write to `fd` (directly, or through `deliver`), then the runner
/// calls `finish()` inside the window (the socket drains) and `verify(against:)` after it.
public final class Sink {
    public let kind: SinkKind
    public let fd: Int32
    /// The bytes delivered so far, for a progress line (`deliver` and the kernel-side loops add to it).
    public let progress = ProgressCounter()
    private var userChecksum = Checksum()
    private var deliveredByKernel = 0
    private var userWrites = 0
    /// The file sink's path (zctour's own, in the workspace): a library that makes the
    /// destination itself (FileManager.copyItem) is given this path.
    let destination: String?
    private let receiver: LoopbackReceiver?

    public static func open(_ kind: SinkKind, in workspace: Workspace, peerWindow: MeasurementWindow) throws -> Sink {
        switch kind {
        case .null:
            let fd = try Syscall.value(.open, path: "/dev/null") { Glibc.open("/dev/null", O_WRONLY | O_CLOEXEC) }
            return Sink(kind: kind, fd: fd, destination: nil, receiver: nil)
        case .file:
            let path = workspace.file("destination.bin")
            let fd = try Syscall.value(.open, path: path) { Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
            return Sink(kind: kind, fd: fd, destination: path, receiver: nil)
        case .socket:
            let (fd, receiver) = try LoopbackReceiver.connect(peerWindow: peerWindow)
            return Sink(kind: kind, fd: fd, destination: nil, receiver: receiver)
        }
    }

    private init(kind: SinkKind, fd: Int32, destination: String?, receiver: LoopbackReceiver?) {
        self.kind = kind
        self.fd = fd
        self.destination = destination
        self.receiver = receiver
    }

    deinit {
        close(fd)
        receiver?.join()
        if let destination { unlink(destination) }
    }

    /// A write that failed because the receiver failed first reports the receiver's error.
    func receiverFailure() -> Error? { receiver?.failure }

    /// Writes all `count` bytes with write(2), as many calls as the kernel needs.
    /// Returns the number of write calls. On `null`, the bytes are checksummed first.
    @discardableResult
    public func deliver(_ base: UnsafeRawPointer, count: Int) throws -> Int {
        if kind == .null { userChecksum.update(base, count: count) }
        let calls: Int
        do {
            calls = try Syscall.writeAll(fd, UnsafeRawBufferPointer(start: base, count: count), path: destination)
        } catch let error as SystemError where error.errno == EPIPE || error.errno == ECONNRESET {
            throw receiverFailure() ?? error
        }
        userWrites += calls
        progress.add(count)
        return calls
    }

    /// Writes all of `bytes`; see `deliver(_:count:)`.
    @discardableResult
    public func deliver(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        return try deliver(base, count: bytes.count)
    }

    /// Records bytes that a kernel-side technique (sendfile) moved into `fd` itself.
    public func noteKernelDelivery(_ count: Int) { deliveredByKernel += count }

    /// Records bytes that someone else (a C yardstick) wrote to `fd` from user space: on `null`
    /// they are checksummed here, as `deliver` does.
    func noteUserDelivery(_ base: UnsafeRawPointer, count: Int) {
        if kind == .null { userChecksum.update(base, count: count) }
    }

    /// Ends the transfer: a socket is shut down for writing and the receiver drains to the end.
    /// Called inside the window, so the time includes the bytes' arrival, not just their departure.
    public func finish() throws {
        guard let receiver else { return }
        try Syscall.value(.shutdown, descriptor: fd) { shutdown(fd, Int32(SHUT_WR)) }
        try receiver.waitUntilDone()
    }

    /// Checks what reached the far end against the sample. Runs after the window.
    public func verify(against sample: SampleFile) throws -> Verification {
        switch kind {
        case .null:
            if deliveredByKernel > 0 {
                return Verification(
                    bytes: deliveredByKernel + userChecksum.bytes, checksum: nil, expected: sample, where: .byteCountOnly)
            }
            return Verification(bytes: userChecksum.bytes, checksum: userChecksum.value, expected: sample, where: .userSpace)
        case .file:
            guard let destination else { return Verification(bytes: 0, checksum: nil, expected: sample, where: .readBack) }
            let sum = try Sink.checksumOfFile(destination)
            return Verification(bytes: sum.bytes, checksum: sum.value, expected: sample, where: .readBack)
        case .socket:
            receiver?.join()
            let arrival = receiver?.arrival ?? Checksum()
            return Verification(bytes: arrival.bytes, checksum: arrival.value, expected: sample, where: .receiver)
        }
    }

    static func checksumOfFile(_ path: String) throws -> Checksum {
        let fd = try Syscall.value(.open, path: path) { Glibc.open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var sum = Checksum()
        while true {
            let count = try Syscall.value(.read, path: path, descriptor: fd) { read(fd, buffer, chunk) }
            if count == 0 { break }
            sum.update(buffer, count: count)
        }
        return sum
    }
}
