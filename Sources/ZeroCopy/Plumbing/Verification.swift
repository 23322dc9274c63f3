import Glibc

/// What arrived at the far end, compared with the sample that was sent.
public struct Verification: Sendable, Equatable {
    public enum Method: String, Sendable {
        case userSpace = "checksummed in user space"
        case readBack = "read back from the destination file"
        case receiver = "checksummed by the receiver"
        case byteCountOnly = "byte count only: /dev/null discards what the kernel hands it, unseen"
        case limit = "the last chunk copied compared with its source"
        case client = "checksummed by the HTTP client thread"
        case clientFile = "curl's output file, read back and checksummed"
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
