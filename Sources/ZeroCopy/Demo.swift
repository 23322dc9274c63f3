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

    /// An option a demo may or may not take; `--repeat` and `--json` apply to every demo.
    public enum Option: String, Sendable, CaseIterable {
        case size, buffer, to, cold
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
        case .readWrite, .readWriteAlloc, .mmapCopy, .sendfile: [.size, .buffer, .to, .cold]
        case .pread, .mmap: [.size, .to, .cold]
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
        case (_, .to), (_, .cold): "it works in memory, not on a file"
        default: "it does not use it"
        }
    }

    public var defaultSink: SinkKind { self == .sendfile ? .socket : .null }

    /// The default `--buffer`: the chunk, the piece, or for sendfile the bytes per call
    /// (the whole rest of the file, capped by the kernel's per-call maximum).
    public func defaultBuffer(size: Int) -> Int {
        switch self {
        case .sendfile: min(size, SendFile.maximumPerCall)
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
        case .copy, .slice, .cow: nil
        }
    }
}
