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
