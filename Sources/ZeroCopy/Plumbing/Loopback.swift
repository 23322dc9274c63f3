import Glibc
import Syscalls

/// TCP on 127.0.0.1, as every socket demo uses it: a listener on an ephemeral port that only
/// this machine can reach, and connections to it.
enum Loopback {
    /// A listening socket bound to 127.0.0.1 on a port the kernel picks, and its address.
    static func listen(backlog: Int32 = 1) throws -> (fd: Int32, address: sockaddr_in) {
        let listener = try socket()
        do {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try Syscall.value(.bind, descriptor: listener) { bind(listener, generic, length) }
                }
            }
            try Syscall.value(.listen, descriptor: listener) { Glibc.listen(listener, backlog) }
            _ = try withUnsafeMutablePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try Syscall.value(.getsockname, descriptor: listener) { getsockname(listener, generic, &length) }
                }
            }
            return (listener, address)
        } catch {
            close(listener)
            throw error
        }
    }

    /// A connection to `address`; on loopback the listener's backlog completes it at once.
    /// `receiveBuffer` caps SO_RCVBUF (set before connecting, as the window scale is agreed then).
    static func connect(to address: sockaddr_in, receiveBuffer: Int? = nil) throws -> Int32 {
        let fd = try socket()
        var target = address
        do {
            if let receiveBuffer {
                var size = Int32(clamping: receiveBuffer)
                try Syscall.value(.setsockopt, descriptor: fd) {
                    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
                }
            }
            _ = try withUnsafePointer(to: &target) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try Syscall.value(.connect, descriptor: fd) { Glibc.connect(fd, generic, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            }
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    /// The port of an address, in host order.
    static func port(of address: sockaddr_in) -> UInt16 { UInt16(bigEndian: address.sin_port) }

    /// Sets how long a blocking read and write on `fd` may wait without progress (SO_RCVTIMEO,
    /// SO_SNDTIMEO); after that the call fails with EAGAIN.
    static func setTimeouts(_ fd: Int32, milliseconds: Int) throws {
        var limit = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            try Syscall.value(.setsockopt, descriptor: fd) {
                setsockopt(fd, SOL_SOCKET, option, &limit, socklen_t(MemoryLayout<timeval>.size))
            }
        }
    }

    /// Waits until `fd` has something to read (or its end), at most `milliseconds`; false on timeout.
    static func waitReadable(_ fd: Int32, milliseconds: Int) throws -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return try Syscall.value(.poll, descriptor: fd) { poll(&entry, 1, Int32(milliseconds)) } > 0
    }

    private static func socket() throws -> Int32 {
        try Syscall.value(.socket) { Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
    }
}
