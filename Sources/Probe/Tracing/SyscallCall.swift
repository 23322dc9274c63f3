import Syscalls

/// One syscall as the tracer saw it: its name from the kernel's table, its arguments, and its
/// result once it returned. `description` reads like strace for the calls zero-copy is about.
public struct SyscallCall: Sendable, Equatable {
    public let name: String
    public let arguments: [UInt64]

    public init(name: String, arguments: [UInt64], result: Int64? = nil, isError: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.result = result
        self.isError = isError
    }
    public var result: Int64?
    public var isError = false

    /// The name for a syscall number on the architecture the kernel reported (AUDIT_ARCH_*).
    public static func name(number: UInt64, arch: UInt32) -> String {
        let table: [String]
        switch arch {
        case 0xC000_003E: table = SyscallNames.x86_64
        case 0xC000_00B7: table = SyscallNames.aarch64
        default: return "syscall_\(number)"
        }
        guard number < UInt64(table.count), !table[Int(number)].isEmpty else { return "syscall_\(number)" }
        return table[Int(number)]
    }

    public var description: String {
        let a = arguments
        func fd(_ i: Int) -> String { String(Int32(truncatingIfNeeded: a[i])) }
        func size(_ i: Int) -> String { String(a[i]) }
        func pointer(_ i: Int) -> String { a[i] == 0 ? "NULL" : "0x" + String(a[i], radix: 16) }
        func offset(_ i: Int) -> String { String(Int64(bitPattern: a[i])) }
        let shown: String
        switch name {
        case "read", "write": shown = "\(name)(\(fd(0)), \(size(2)))"
        case "pread64", "pwrite64": shown = "\(name)(\(fd(0)), \(size(2)), \(offset(3)))"
        case "sendfile": shown = "sendfile(\(fd(0)), \(fd(1)), \(pointer(2)), \(size(3)))"
        case "mmap":
            shown =
                "mmap(\(pointer(0)), \(size(1)), \(SyscallCall.flags(a[2], SyscallCall.protections, none: "PROT_NONE")), "
                + "\(SyscallCall.flags(a[3], SyscallCall.mapFlags, none: "0")), \(fd(4)), \(offset(5)))"
        case "munmap": shown = "munmap(\(pointer(0)), \(size(1)))"
        case "splice":
            shown =
                "splice(\(fd(0)), \(pointer(1)), \(fd(2)), \(pointer(3)), \(size(4)), \(SyscallCall.flags(a[5], SyscallCall.spliceFlags, none: "0")))"
        case "tee": shown = "tee(\(fd(0)), \(fd(1)), \(size(2)), \(SyscallCall.flags(a[3], SyscallCall.spliceFlags, none: "0")))"
        case "copy_file_range": shown = "copy_file_range(\(fd(0)), \(pointer(1)), \(fd(2)), \(pointer(3)), \(size(4)), \(a[5]))"
        case "close": shown = "close(\(fd(0)))"
        case "io_uring_enter":
            // The result is the number of SQEs the kernel consumed.
            shown =
                "io_uring_enter(\(fd(0)), to_submit: \(a[1]), min_complete: \(a[2]), "
                + "\(SyscallCall.flags(a[3], SyscallCall.enterFlags, none: "0")))"
        default: shown = "\(name)(" + a.prefix(3).map { "0x" + String($0, radix: 16) }.joined(separator: ", ") + ", ...)"
        }
        guard let result else { return shown + " = ?" }
        if isError {
            return shown + " = -1 \(Errno(Int32(truncatingIfNeeded: -result)).name)"
        }
        return shown + " = " + (name == "mmap" ? "0x" + String(UInt64(bitPattern: result), radix: 16) : String(result))
    }

    static let protections: [(UInt64, String)] = [(1, "PROT_READ"), (2, "PROT_WRITE"), (4, "PROT_EXEC")]
    static let mapFlags: [(UInt64, String)] = [
        (0x01, "MAP_SHARED"), (0x02, "MAP_PRIVATE"), (0x10, "MAP_FIXED"),
        (0x20, "MAP_ANONYMOUS"), (0x8000, "MAP_POPULATE"), (0x4000, "MAP_NORESERVE"),
    ]
    static let spliceFlags: [(UInt64, String)] = [(1, "SPLICE_F_MOVE"), (2, "SPLICE_F_NONBLOCK"), (4, "SPLICE_F_MORE")]
    /// IORING_ENTER_* (include/uapi/linux/io_uring.h).
    static let enterFlags: [(UInt64, String)] = [
        (1, "GETEVENTS"), (2, "SQ_WAKEUP"), (4, "SQ_WAIT"), (8, "EXT_ARG"), (16, "REGISTERED_RING"),
    ]

    static func flags(_ value: UInt64, _ names: [(UInt64, String)], none: String) -> String {
        var parts = names.filter { value & $0.0 != 0 }.map(\.1)
        let rest = names.reduce(value) { $0 & ~$1.0 }
        if rest != 0 { parts.append("0x" + String(rest, radix: 16)) }
        return parts.isEmpty ? none : parts.joined(separator: "|")
    }
}
