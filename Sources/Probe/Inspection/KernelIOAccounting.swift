import Glibc

/// What the kernel's per-task counters (syscr, syscw, rchar, wchar) add for one call, from its
/// name, its result and its errno: the rule of fs/read_write.c, checked call kind by call kind
/// on this kernel. `vfs_read`/`vfs_write` count once they reach the file, whatever it returns,
/// so read, pread64, write and pwrite64 count unless the descriptor was bad (EBADF), or pread
/// was given a pipe (ESPIPE) or a negative offset (EINVAL), which return before; the vector
/// calls (`do_readv`, `do_preadv`, ...) count after the descriptor lookup whatever happened,
/// EBADF included; `do_sendfile` counts on both sides unless its descriptor checks fail;
/// `vfs_copy_file_range` only when it had bytes to copy (0 at the end of the file is not
/// counted). splice, tee, vmsplice and the socket calls (send*, recv*) count nothing.
/// `--every-call` adds this up beside what /proc says, as a check on both.
enum KernelIOAccounting {
    static func add(_ kind: SyscallKind, result: Int64, isError: Bool, to counters: inout IOCounters) {
        let errno = isError ? Int32(truncatingIfNeeded: -result) : 0
        let bytes = isError ? 0 : Int(max(result, 0))
        let reads: Bool
        let writes: Bool
        switch kind {
        case .read: reads = errno != EBADF
        case .pread64: reads = errno != EBADF && errno != ESPIPE && errno != EINVAL
        case .readv, .preadv, .preadv2: reads = true
        default: reads = false
        }
        switch kind {
        case .write: writes = errno != EBADF
        case .pwrite64: writes = errno != EBADF && errno != ESPIPE && errno != EINVAL
        case .writev, .pwritev, .pwritev2: writes = true
        default: writes = false
        }
        let both: Bool
        switch kind {
        case .sendfile: both = errno != EBADF && errno != ESPIPE && errno != EINVAL
        case .copyFileRange: both = bytes > 0
        default: both = false
        }
        if reads || both {
            counters.syscr += 1
            counters.rchar += bytes
        }
        if writes || both {
            counters.syscw += 1
            counters.wchar += bytes
        }
    }
}
