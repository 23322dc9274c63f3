/// The syscalls the inspector decodes, by the names the kernel's table gives them; every
/// other call is `.other`, counted by number alone. Looked up by number through a table built
/// once from this machine's own syscall names, so no number is written here.
enum SyscallKind: String, CaseIterable, Sendable {
    case read, pread64, readv, preadv, preadv2
    case write, pwrite64, writev, pwritev, pwritev2
    case recvfrom, recvmsg, recvmmsg, sendto, sendmsg, sendmmsg
    case sendfile, splice, tee, vmsplice
    case copyFileRange = "copy_file_range"
    case ioctl
    case open, openat, openat2, creat, socket, socketpair, accept, accept4, connect
    case pipe, pipe2, dup, dup2, dup3, fcntl, close
    case closeRange = "close_range"
    case mmap
    case ioUringSetup = "io_uring_setup"
    case ioUringEnter = "io_uring_enter"
    case execve, execveat, exit
    case exitGroup = "exit_group"
    case clone, clone3, fork, vfork
    case other

    /// The kinds by native syscall number.
    static let byNumber: [SyscallKind] = {
        #if arch(x86_64)
            let names = SyscallNames.x86_64
        #else
            let names = SyscallNames.aarch64
        #endif
        return names.map { SyscallKind(rawValue: $0) ?? .other }
    }()

    /// The kind of the call a task is in.
    static func of(_ task: TracedTask) -> SyscallKind {
        guard task.isNative, task.number < UInt64(byNumber.count) else { return .other }
        return byNumber[Int(task.number)]
    }

    /// The native number of a kind, if this machine has the call (aarch64 has no `open`).
    var number: UInt64? { SyscallKind.byNumber.firstIndex(of: self).map(UInt64.init) }

    var neverReturns: Bool { self == .exit || self == .exitGroup }

    /// Read-type calls whose result is bytes that entered user space.
    var readsIntoUserSpace: Bool {
        switch self {
        case .read, .pread64, .readv, .preadv, .preadv2, .recvfrom, .recvmsg: true
        default: false
        }
    }

    /// Write-type calls whose result is bytes that left user space.
    var writesFromUserSpace: Bool {
        switch self {
        case .write, .pwrite64, .writev, .pwritev, .pwritev2, .sendto, .sendmsg: true
        default: false
        }
    }

    /// Calls that move bytes between two descriptors inside the kernel (vmsplice: between
    /// user memory and a pipe, by reference where it can).
    var copiesInKernel: Bool {
        switch self {
        case .sendfile, .splice, .tee, .vmsplice, .copyFileRange: true
        default: false
        }
    }
}
