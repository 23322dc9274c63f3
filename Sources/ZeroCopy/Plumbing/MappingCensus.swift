import Glibc
import Syscalls

/// The process's mappings as /proc/self/maps lists them (one line per mapping), its address
/// space as /proc/self/statm gives it (the first field, in pages), and its page tables (VmPTE in
/// /proc/self/status): what a mapping that is never unmapped leaves behind. Read outside the
/// window (the reads allocate), before and after it.
public struct MappingCensus: Sendable, Equatable, Codable {
    /// Lines in /proc/self/maps.
    public let mappings: Int
    /// The size of the address space (VmSize), in bytes.
    public let addressSpace: Int
    /// The memory the page tables take (VmPTE), in bytes.
    public let pageTables: Int

    enum CodingKeys: String, CodingKey {
        case mappings
        case addressSpace = "address_space"
        case pageTables = "page_tables"
    }

    static func now() throws -> MappingCensus {
        let maps = try Syscall.readAll(path: "/proc/self/maps", limit: 64 << 20)
        let lines = maps.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let statm = try Syscall.readAll(path: "/proc/self/statm", limit: 4096)
        let pages = String(decoding: statm, as: UTF8.self).split(separator: " ").first.flatMap { Int($0) } ?? 0
        let status = try Syscall.readAll(path: "/proc/self/status", limit: 64 << 10)
        let pte = HTTPRequest.lines(status).first { $0.hasPrefix("VmPTE:") }.flatMap { line in
            Int(line.dropFirst("VmPTE:".count).trimmingOWS().prefix { $0.isNumber })
        }
        return MappingCensus(mappings: lines, addressSpace: pages * Int(sysconf(Int32(_SC_PAGESIZE))), pageTables: (pte ?? 0) * 1024)
    }

    /// The /proc/self/maps line of the mapping that starts at `address`, if there is one.
    static func line(at address: UnsafeRawPointer) -> String? {
        guard let maps = try? Syscall.readAll(path: "/proc/self/maps", limit: 64 << 20) else { return nil }
        let start = String(UInt(bitPattern: address), radix: 16) + "-"
        return String(decoding: maps, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix(start) }.map(String.init)
    }
}

/// The census before and after a loop of mappings, and how many windows it mapped.
public struct MappingGrowth: Sendable, Equatable, Codable {
    public let before: MappingCensus
    public let after: MappingCensus
    public let windows: Int
}
