import CShims
import Glibc
import Syscalls

/// What a descriptor of a traced task is, read from /proc while it is open: a regular file and
/// its path, a pipe, a TCP or UDP socket and its addresses (from /proc/TID/net), a unix socket
/// and its peer (from sock_diag), /dev/null, a terminal. Two descriptors with the same `what`
/// are the same thing (a pipe's two ends are one pipe; a file opened twice, one file).
public struct Descriptor: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case file, directory, pipe, tcp, udp, unix, socket, null, tty, device, other
        /// Closed, or not readable in /proc any more.
        case unknown
    }

    public var kind: Kind
    /// For people and for matching: a path, `pipe [INODE]`, `tcp 127.0.0.1:40528 -> 127.0.0.1:80`.
    public var what: String
    /// A pipe's or socket's inode (as strace -yy prints it), a file's path for files.
    public var inode: UInt64?

    public init(kind: Kind, what: String, inode: UInt64? = nil) {
        self.kind = kind
        self.what = what
        self.inode = inode
    }

    /// Whether bytes through it are bytes of data: a file, a pipe or a socket, not a terminal.
    public var carriesData: Bool { [.file, .pipe, .tcp, .udp, .unix, .socket, .device].contains(kind) }

    /// Descriptor `fd` of task `tid` as it is now.
    static func of(tid: Int32, fd: Int32) -> Descriptor {
        guard fd >= 0 else { return Descriptor(kind: .unknown, what: "fd \(fd)") }
        let link = "/proc/\(tid)/fd/\(fd)"
        guard let target = readLink(link) else { return Descriptor(kind: .unknown, what: "fd \(fd) (closed)") }
        if let inode = bracketed(target, prefix: "socket:[") {
            return socket(tid: tid, inode: inode)
        }
        if let inode = bracketed(target, prefix: "pipe:[") {
            return Descriptor(kind: .pipe, what: "pipe [\(inode)]", inode: inode)
        }
        guard target.hasPrefix("/") else { return Descriptor(kind: .other, what: target) }
        var info = stat()
        guard (try? Syscall.value(.stat, path: link) { stat(link, &info) }) != nil else {
            return Descriptor(kind: .file, what: target)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return Descriptor(kind: .file, what: target)
        case S_IFDIR: return Descriptor(kind: .directory, what: target)
        case S_IFCHR:
            if target == "/dev/null" { return Descriptor(kind: .null, what: target) }
            if target.hasPrefix("/dev/pts/") || target.hasPrefix("/dev/tty") || target == "/dev/console" {
                return Descriptor(kind: .tty, what: "tty " + target)
            }
            return Descriptor(kind: .device, what: target)
        default: return Descriptor(kind: .device, what: target)
        }
    }

    /// The size of the file behind descriptor `fd` of task `tid` (a reflink's bytes), if it is one.
    static func fileSize(tid: Int32, fd: Int32) -> Int? {
        let path = "/proc/\(tid)/fd/\(fd)"
        var info = stat()
        guard (try? Syscall.value(.stat, path: path) { stat(path, &info) }) != nil, info.st_mode & S_IFMT == S_IFREG else {
            return nil
        }
        return Int(info.st_size)
    }

    /// A symbolic link's target; nil when it is gone (a closed descriptor, an exited task).
    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        guard let count = try? Syscall.value(.readlink, path: path, { readlink(path, &buffer, 4096) }) else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func bracketed(_ text: String, prefix: String) -> UInt64? {
        guard text.hasPrefix(prefix), text.hasSuffix("]") else { return nil }
        return UInt64(text.dropFirst(prefix.count).dropLast())
    }

    /// A socket, by its inode: TCP or UDP from the task's network namespace tables, else unix.
    static func socket(tid: Int32, inode: UInt64) -> Descriptor {
        for (table, kind) in [("tcp", Kind.tcp), ("tcp6", .tcp), ("udp", .udp), ("udp6", .udp)] {
            guard let bytes = try? Syscall.readAll(path: "/proc/\(tid)/net/\(table)", limit: 16 << 20) else { continue }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9, UInt64(fields[9]) == inode else { continue }
                let local = address(fields[1])
                if kind == .tcp && fields[3] == "0A" {  // TCP_LISTEN
                    return Descriptor(kind: .tcp, what: "tcp \(local) listening", inode: inode)
                }
                return Descriptor(kind: kind, what: "\(kind.rawValue) \(local) -> \(address(fields[2]))", inode: inode)
            }
        }
        var name = [CChar](repeating: 0, count: 256)
        var peer: UInt32 = 0
        var datagram: Int32 = 0
        if inode <= UInt64(UInt32.max), zc_unix_socket_describe(UInt32(inode), &name, name.count, &peer, &datagram) == 0 {
            let bound = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let type = datagram != 0 ? "unix dgram" : "unix"
            return Descriptor(
                kind: .unix, what: "\(type)\(bound.isEmpty ? "" : " " + bound) [\(inode)] peer [\(peer)]", inode: inode)
        }
        return Descriptor(kind: .socket, what: "socket [\(inode)]", inode: inode)
    }

    /// `0100007F:9C50` (IPv4) or 32 hex digits and a port (IPv6), as /proc/net/tcp writes them.
    static func address(_ field: Substring) -> String {
        let parts = field.split(separator: ":")
        guard parts.count == 2, let port = UInt32(parts[1], radix: 16) else { return String(field) }
        let hex = parts[0]
        func word(_ index: Int) -> UInt32? {
            let start = hex.index(hex.startIndex, offsetBy: index * 8)
            return UInt32(hex[start..<hex.index(start, offsetBy: 8)], radix: 16)
        }
        func ipv4(_ value: UInt32) -> String {
            "\(value & 255).\((value >> 8) & 255).\((value >> 16) & 255).\(value >> 24)"
        }
        if hex.count == 8, let value = word(0) { return "\(ipv4(value)):\(port)" }
        guard hex.count == 32, let a = word(0), let b = word(1), let c = word(2), let d = word(3) else { return String(field) }
        if a == 0 && b == 0 && c == 0xFFFF_0000 { return "\(ipv4(d)):\(port)" }  // ::ffff:a.b.c.d
        if a == 0 && b == 0 && c == 0 && d == 0x0100_0000 { return "[::1]:\(port)" }
        if a == 0 && b == 0 && c == 0 && d == 0 { return "[::]:\(port)" }
        let groups = [a, b, c, d].flatMap { w -> [String] in
            let bytes = [w & 255, (w >> 8) & 255, (w >> 16) & 255, w >> 24]
            return [String(bytes[0] << 8 | bytes[1], radix: 16), String(bytes[2] << 8 | bytes[3], radix: 16)]
        }
        return "[\(groups.joined(separator: ":"))]:\(port)"
    }
}
