import Glibc

/// Where a demo's bytes go. Each kind has a far end that checks what arrived:
/// `null` discards (the demo checksums in user space, where the bytes already are),
/// `file` is read back after the measured window, `socket` has a receiver that checksums.
public enum SinkKind: String, CaseIterable, Sendable, Codable {
    case null, file, socket

    public var summary: String {
        switch self {
        case .null: "/dev/null, which discards what it is given"
        case .file: "a new file in the private temporary directory"
        case .socket: "a TCP connection on 127.0.0.1 to a receiver thread that checksums"
        }
    }
}

/// An open destination. Demos write to `fd` (directly, or through `deliver`), then the runner
/// calls `finish()` inside the window (the socket drains) and `verify(against:)` after it.
public final class Sink {
    public let kind: SinkKind
    public let fd: Int32
    private var userChecksum = Checksum()
    private var deliveredByKernel = 0
    private var userWrites = 0
    private let destination: String?
    private let receiver: LoopbackReceiver?

    public static func open(_ kind: SinkKind, in workspace: Workspace, peerWindow: MeasurementWindow) throws -> Sink {
        switch kind {
        case .null:
            let fd = try systemCall("open", path: "/dev/null") { Glibc.open("/dev/null", O_WRONLY | O_CLOEXEC) }
            return Sink(kind: kind, fd: fd, destination: nil, receiver: nil)
        case .file:
            let path = workspace.file("destination.bin")
            let fd = try systemCall("open", path: path) {
                Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            }
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
        var written = 0
        var calls = 0
        while written < count {
            do {
                written += try systemCall("write(\(fd), \(count - written))", path: destination) {
                    write(fd, base + written, count - written)
                }
            } catch let error as SystemError where error.errno == EPIPE || error.errno == ECONNRESET {
                throw receiverFailure() ?? error
            }
            calls += 1
        }
        userWrites += calls
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

    /// Ends the transfer: a socket is shut down for writing and the receiver drains to the end.
    /// Called inside the window, so the time includes the bytes' arrival, not just their departure.
    public func finish() throws {
        guard let receiver else { return }
        _ = try systemCall("shutdown(\(fd), SHUT_WR)") { shutdown(fd, Int32(SHUT_WR)) }
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
        let fd = try systemCall("open", path: path) { Glibc.open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var sum = Checksum()
        while true {
            let count = try systemCall("read(\(fd), \(chunk))", path: path) { read(fd, buffer, chunk) }
            if count == 0 { break }
            sum.update(buffer, count: count)
        }
        return sum
    }
}

/// What arrived at the far end, compared with the sample that was sent.
public struct Verification: Sendable, Equatable {
    public enum Method: String, Sendable {
        case userSpace = "checksummed in user space"
        case readBack = "read back from the destination file"
        case receiver = "checksummed by the receiver"
        case byteCountOnly = "byte count only: /dev/null discards what the kernel hands it, unseen"
        case limit = "the last chunk copied compared with its source"
    }

    public let bytes: Int
    public let checksum: UInt64?
    public let expectedBytes: Int
    public let expectedChecksum: UInt64
    public let method: Method

    init(bytes: Int, checksum: UInt64?, expected: SampleFile, where method: Method) {
        self.bytes = bytes
        self.checksum = checksum
        self.expectedBytes = expected.size
        self.expectedChecksum = expected.checksum
        self.method = method
    }

    public init(bytes: Int, checksum: UInt64?, expectedBytes: Int, expectedChecksum: UInt64, method: Method) {
        self.bytes = bytes
        self.checksum = checksum
        self.expectedBytes = expectedBytes
        self.expectedChecksum = expectedChecksum
        self.method = method
    }

    public var passed: Bool {
        bytes == expectedBytes && (checksum == nil || checksum == expectedChecksum)
    }

    /// Throws unless the bytes and checksum match: a fast wrong demo must not pass.
    public func require() throws {
        guard passed else { throw VerificationFailed(verification: self) }
    }
}

public struct VerificationFailed: Error, CustomStringConvertible {
    public let verification: Verification
    public var description: String {
        let v = verification
        if v.bytes != v.expectedBytes {
            return "verification failed: \(v.bytes) bytes arrived, \(v.expectedBytes) were sent (\(v.method.rawValue))"
        }
        return "verification failed: checksum \(v.checksum?.hex ?? "none") instead of \(v.expectedChecksum.hex) (\(v.method.rawValue))"
    }
}
