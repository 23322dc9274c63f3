/// The demos zctour can run, with what each one is, which options it takes and its defaults.
/// Both the command line and the lessons name demos by these ids.
public enum Demo: String, CaseIterable, Sendable, Codable {
    case readWrite = "read-write"
    case readWriteAlloc = "read-write-alloc"
    case copy
    case slice
    case cow
    case pread
    case mmap
    case mmapCopy = "mmap-copy"
    case sendfile
    case splice
    case tee
    case copyFileRange = "copy-file-range"
    case msgZerocopy = "msg-zerocopy"

    /// An option a demo may or may not take; `--repeat` and `--json` apply to every demo.
    public enum Option: String, Sendable, CaseIterable {
        case size, buffer, to, cold, direct
    }

    public var summary: String {
        switch self {
        case .readWrite: "read(2)/write(2) through one reused buffer (Go's io.CopyBuffer)"
        case .readWriteAlloc: "the same loop with a fresh buffer allocated for every chunk"
        case .copy: "in memory: a new array for every piece of a region"
        case .slice: "in memory: a slice (view) of every piece, no copy"
        case .cow: "Swift's copy-on-write: which operations share storage and which copy"
        case .pread: "the whole file read into one large buffer with pread(2)"
        case .mmap: "the file mapped with mmap(2), used straight from the mapping"
        case .mmapCopy: "the file mapped, then copied out chunk by chunk (x/exp/mmap's ReadAt)"
        case .sendfile: "sendfile(2): the kernel moves the file to the sink itself"
        case .splice: "splice(2): file → pipe → sink, the pipe as the kernel's buffer"
        case .tee: "splice plus tee(2): one read of the file feeds the sink and a second file"
        case .copyFileRange: "copy_file_range(2): file → file inside the kernel (a reflink where the filesystem can)"
        case .msgZerocopy: "send(2) with MSG_ZEROCOPY over TCP, completions read from the error queue"
        }
    }

    /// Demos that move a file to a sink; the others work in memory.
    public var movesFile: Bool {
        switch self {
        case .copy, .slice, .cow: false
        default: true
        }
    }

    public var options: Set<Option> {
        switch self {
        case .readWrite, .sendfile, .splice: [.size, .buffer, .to, .cold, .direct]
        case .readWriteAlloc, .mmapCopy, .tee: [.size, .buffer, .to, .cold]
        case .pread: [.size, .to, .cold, .direct]
        case .mmap: [.size, .to, .cold]
        case .copyFileRange, .msgZerocopy: [.size, .buffer, .cold]
        case .copy, .slice: [.size, .buffer]
        case .cow: [.buffer]
        }
    }

    /// Why an option does not apply, for the error that rejects it.
    public func reason(without option: Option) -> String {
        switch (self, option) {
        case (.pread, .buffer): "it reads the whole file into one buffer of the file's size"
        case (.mmap, .buffer): "it uses the mapping itself, no buffer"
        case (.cow, .size): "it works on one region of --buffer bytes"
        case (.copyFileRange, .to): "copy_file_range copies file to file, so the destination is always a file"
        case (.msgZerocopy, .to): "MSG_ZEROCOPY is a socket send, so the destination is always the loopback socket"
        case (.mmap, .direct), (.mmapCopy, .direct):
            "a mapping always goes through the page cache; O_DIRECT does nothing to mmap"
        case (.readWriteAlloc, .direct): "its buffers are Swift arrays, not aligned as O_DIRECT requires; use read-write"
        case (.tee, .direct): "tee works on the pipe, after the read; use splice --direct for the read side"
        case (.copyFileRange, .direct), (.msgZerocopy, .direct): "its reads never pass through a user buffer to align"
        case (_, .to), (_, .cold), (_, .direct): "it works in memory, not on a file"
        default: "it does not use it"
        }
    }

    public var defaultSink: SinkKind {
        switch self {
        case .sendfile, .splice, .tee, .msgZerocopy: .socket
        case .copyFileRange: .file
        default: .null
        }
    }

    /// The /proc counters that cannot see this technique's transfer calls, and why: a zero in
    /// them means "not seen", not "none happened".
    public var blindSpot: (counters: [String], reason: String)? {
        switch self {
        case .splice, .tee:
            (["syscr", "syscw", "rchar", "wchar"], "/proc/<pid>/io does not account splice or tee at all")
        case .msgZerocopy:
            (["syscr", "syscw", "rchar", "wchar"], "/proc/<pid>/io does not count send or recvmsg, only read- and write-family calls")
        default: nil
        }
    }

    /// The default `--buffer`: the chunk, the piece, or for sendfile the bytes per call
    /// (the whole rest of the file, capped by the kernel's per-call maximum).
    public func defaultBuffer(size: Int) -> Int {
        switch self {
        case .sendfile, .copyFileRange: min(size, SendFile.maximumPerCall)
        case .pread, .mmap: size
        default: 64 << 10
        }
    }

    /// Runs a file demo; `nil` for the in-memory ones.
    public var technique: ((Transfer) throws -> TransferReport)? {
        switch self {
        case .readWrite: Copying.readWrite
        case .readWriteAlloc: Buffers.readWriteAllocating
        case .pread: Reading.preadWhole
        case .mmap: Mapping.mapped
        case .mmapCopy: Mapping.mappedCopy
        case .sendfile: SendFile.sendfile
        case .splice: Splice.splice
        case .tee: Splice.tee
        case .copyFileRange: CopyRange.copyFileRange
        case .msgZerocopy: ZeroCopySend.send
        case .copy, .slice, .cow: nil
        }
    }
}
