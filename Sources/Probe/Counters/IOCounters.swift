/// The kernel's per-task I/O accounting, as /proc/<pid>/task/<tid>/io shows it.
/// rchar/wchar: bytes passed to read-type and write-type syscalls (sendfile and
/// copy_file_range included, though their bytes never reach user space; splice not at all).
/// syscr/syscw: read-type and write-type syscalls (read, pread, readv, sendfile...; not
/// recv/send). read_bytes/write_bytes: bytes the task caused to be fetched from or sent to
/// storage, which a warm page cache makes zero.
public struct IOCounters: Sendable, Equatable, Codable {
    public var rchar: Int
    public var wchar: Int
    public var syscr: Int
    public var syscw: Int
    public var readBytes: Int
    public var writeBytes: Int

    public init(rchar: Int = 0, wchar: Int = 0, syscr: Int = 0, syscw: Int = 0, readBytes: Int = 0, writeBytes: Int = 0) {
        self.rchar = rchar
        self.wchar = wchar
        self.syscr = syscr
        self.syscw = syscw
        self.readBytes = readBytes
        self.writeBytes = writeBytes
    }

    enum CodingKeys: String, CodingKey {
        case rchar, wchar, syscr, syscw
        case readBytes = "read_bytes"
        case writeBytes = "write_bytes"
    }

    /// Parses the `name: value` lines of an io file without allocating.
    static func parse(_ text: UnsafeRawBufferPointer) -> IOCounters? {
        var counters = IOCounters()
        var seen = 0
        var index = 0
        while index < text.count {
            let nameStart = index
            while index < text.count && text[index] != UInt8(ascii: ":") { index += 1 }
            let nameEnd = index
            index += 1
            while index < text.count && text[index] == UInt8(ascii: " ") { index += 1 }
            var value = 0
            while index < text.count && text[index] >= UInt8(ascii: "0") && text[index] <= UInt8(ascii: "9") {
                value = value &* 10 &+ Int(text[index] &- UInt8(ascii: "0"))
                index += 1
            }
            while index < text.count && text[index] != UInt8(ascii: "\n") { index += 1 }
            index += 1
            let name = UnsafeRawBufferPointer(rebasing: text[nameStart..<nameEnd])
            if name.elementsEqual("rchar".utf8) {
                counters.rchar = value
                seen += 1
            } else if name.elementsEqual("wchar".utf8) {
                counters.wchar = value
                seen += 1
            } else if name.elementsEqual("syscr".utf8) {
                counters.syscr = value
                seen += 1
            } else if name.elementsEqual("syscw".utf8) {
                counters.syscw = value
                seen += 1
            } else if name.elementsEqual("read_bytes".utf8) {
                counters.readBytes = value
                seen += 1
            } else if name.elementsEqual("write_bytes".utf8) {
                counters.writeBytes = value
                seen += 1
            }
        }
        return seen == 6 ? counters : nil
    }

    static func - (a: IOCounters, b: IOCounters) -> IOCounters {
        IOCounters(
            rchar: a.rchar - b.rchar, wchar: a.wchar - b.wchar, syscr: a.syscr - b.syscr,
            syscw: a.syscw - b.syscw, readBytes: a.readBytes - b.readBytes, writeBytes: a.writeBytes - b.writeBytes)
    }
}
