/// Where the bytes went, summed from an inspection: inside the kernel (the kernel copies'
/// results) and through user space. With `--every-call` the user-space bytes are the sums of
/// the plain reads' and writes' return values; in the default mode they are the kernel's own
/// totals (rchar, wchar) less what execve counted and less the bytes of sendfile and
/// copy_file_range, which /proc counts in rchar and wchar although they never reach user space.
/// /proc does not count send*/recv* at all: for TCP sockets the kernel's tcp_info counters
/// make up for it, so in the default mode the figure is a lower bound.
extension Inspection.Process {
    /// Bytes moved between descriptors by the kernel alone (vmsplice, between user memory and a
    /// pipe, is left out: it may copy).
    public var kernelBytes: Int {
        kernelCopies.filter { $0.call != "vmsplice" }.reduce(0) { $0 + $1.bytes }
    }

    /// Bytes read into user space: nil in the default mode when no task's counters were read.
    public var userBytesRead: Int? {
        if let userSpace { return userSpace.reduce(0) { $0 + $1.readBytes } }
        guard let totals = kernelTotals else { return nil }
        return max(0, totals.rchar - execveOwn.rchar - kernelCopiesCounted.rchar)
    }

    public var userBytesWritten: Int? {
        if let userSpace { return userSpace.reduce(0) { $0 + $1.writtenBytes } }
        guard let totals = kernelTotals else { return nil }
        return max(0, totals.wchar - execveOwn.wchar - kernelCopiesCounted.wchar)
    }

    /// Read-type and write-type calls of the program itself (the kernel's counts less execve's).
    public var ownReadCalls: Int? { kernelTotals.map { $0.syscr - execveOwn.syscr } }
    public var ownWriteCalls: Int? { kernelTotals.map { $0.syscw - execveOwn.syscw } }

    /// Of those, the ones that were not sendfile or copy_file_range: the plain reads and writes.
    public var plainReadCalls: Int? { ownReadCalls.map { $0 - kernelCopiesCounted.syscr } }
    public var plainWriteCalls: Int? { ownWriteCalls.map { $0 - kernelCopiesCounted.syscw } }
}

extension Inspection {
    /// The whole command's bytes: inside the kernel, and through user space each way.
    public struct Bytes: Sendable, Equatable {
        public var kernel: Int
        public var read: Int
        public var written: Int
        /// Every call was seen: `read` and `written` are exact sums of return values.
        public var exact: Bool
        /// Default mode: the kernel's totals (read, written), and what TCP sockets carried
        /// beyond their kernel copies by tcp_info (received, sent), whatever the calls: /proc
        /// counts read() and write() on a socket but not recv* and send*, so neither source
        /// alone is the whole, and `read`, `written` are the larger of the two: lower bounds.
        public var countedRead: Int
        public var countedWritten: Int
        public var socketsReceived: Int
        public var socketsSent: Int
    }

    public var bytes: Bytes {
        let kernel = processes.reduce(0) { $0 + $1.kernelBytes }
        let read = processes.reduce(0) { $0 + ($1.userBytesRead ?? 0) }
        let written = processes.reduce(0) { $0 + ($1.userBytesWritten ?? 0) }
        guard mode == .filtered else {
            return Bytes(
                kernel: kernel, read: read, written: written, exact: true, countedRead: read, countedWritten: written,
                socketsReceived: 0, socketsSent: 0)
        }
        let copies = processes.flatMap(\.kernelCopies)
        let received = tcpSockets.reduce(0) { total, socket in
            total + max(0, socket.received - copies.filter { $0.from.what == socket.descriptor.what }.reduce(0) { $0 + $1.bytes })
        }
        let sent = tcpSockets.reduce(0) { total, socket in
            total + max(0, socket.sent - copies.filter { $0.to.what == socket.descriptor.what }.reduce(0) { $0 + $1.bytes })
        }
        return Bytes(
            kernel: kernel, read: max(read, received), written: max(written, sent), exact: false, countedRead: read,
            countedWritten: written, socketsReceived: received, socketsSent: sent)
    }
}
