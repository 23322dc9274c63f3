extension SystemError {
    /// The call that failed, as its man page names it. A struct around an internal enum, as
    /// swift-subprocess's `SubprocessError.Code` is, so that calls can be added without breaking
    /// a caller's `switch`; callers compare with `==` (`error.operation == .openDirect`).
    /// The name holds the call and, where it tells two uses of one call apart, its flag, never
    /// an explanation: that belongs in an error type of its own.
    public struct Operation: Hashable, Sendable, CustomStringConvertible {
        enum Storage: Hashable, Sendable {
            case open
            case openDirect
            case read
            case pread
            case write
            case fsync
            case fdatasync
            case rename
            case mkdir
            case mkstemp
            case mkdtemp
            case stat
            case opendir
            case statvfs
            case posixFadvise
            case mmap
            case mincore
            case pipe2
            case splice
            case tee
            case sendfile
            case copyFileRange
            case sendZerocopy
            case enableZerocopy
            case readErrorQueue
            case ioUringSetup
            case ioUringEnter
            case ioUringRegister
            case socket
            case bind
            case listen
            case getsockname
            case connect
            case accept
            case shutdown
            case pthreadCreate
            case fork
            case waitpid
            case traceSeize
            case traceInterrupt
            case seccompFilter
            case readlink
            case access
            case dup2
            case execve
            case lseek
            case setsockopt
            case poll
            case spawn
            case waitChild
            case unlink
            case munmap
            case flock
            case fchmod
            case fstat
            case inotifyInit
            case inotifyAddWatch
        }

        let storage: Storage

        init(_ storage: Storage) { self.storage = storage }
    }
}

extension SystemError.Operation {
    /// open(2).
    public static var open: Self { Self(.open) }
    /// open(2) with O_DIRECT, which a filesystem may refuse with EINVAL.
    public static var openDirect: Self { Self(.openDirect) }
    /// read(2).
    public static var read: Self { Self(.read) }
    /// pread(2).
    public static var pread: Self { Self(.pread) }
    /// write(2).
    public static var write: Self { Self(.write) }
    /// fsync(2).
    public static var fsync: Self { Self(.fsync) }
    /// fdatasync(2).
    public static var fdatasync: Self { Self(.fdatasync) }
    /// rename(2).
    public static var rename: Self { Self(.rename) }
    /// mkdir(2).
    public static var mkdir: Self { Self(.mkdir) }
    /// mkstemp(3): a new file with a unique name, created with O_EXCL.
    public static var mkstemp: Self { Self(.mkstemp) }
    /// mkdtemp(3): a new private directory with a unique name.
    public static var mkdtemp: Self { Self(.mkdtemp) }
    /// stat(2).
    public static var stat: Self { Self(.stat) }
    /// opendir(3).
    public static var opendir: Self { Self(.opendir) }
    /// statvfs(3).
    public static var statvfs: Self { Self(.statvfs) }
    /// posix_fadvise(2).
    public static var posixFadvise: Self { Self(.posixFadvise) }
    /// mmap(2).
    public static var mmap: Self { Self(.mmap) }
    /// mincore(2).
    public static var mincore: Self { Self(.mincore) }
    /// pipe2(2).
    public static var pipe2: Self { Self(.pipe2) }
    /// splice(2).
    public static var splice: Self { Self(.splice) }
    /// tee(2).
    public static var tee: Self { Self(.tee) }
    /// sendfile(2).
    public static var sendfile: Self { Self(.sendfile) }
    /// copy_file_range(2).
    public static var copyFileRange: Self { Self(.copyFileRange) }
    /// send(2) with MSG_ZEROCOPY.
    public static var sendZerocopy: Self { Self(.sendZerocopy) }
    /// setsockopt(2) turning SO_ZEROCOPY on.
    public static var enableZerocopy: Self { Self(.enableZerocopy) }
    /// recvmsg(2) on the error queue, or the poll(2) that waits for it.
    public static var readErrorQueue: Self { Self(.readErrorQueue) }
    /// io_uring_setup(2).
    public static var ioUringSetup: Self { Self(.ioUringSetup) }
    /// io_uring_enter(2): submitting a ring's operations and waiting for their completions.
    public static var ioUringEnter: Self { Self(.ioUringEnter) }
    /// io_uring_register(2): buffers, files, or the probe of the opcodes.
    public static var ioUringRegister: Self { Self(.ioUringRegister) }
    /// socket(2).
    public static var socket: Self { Self(.socket) }
    /// bind(2).
    public static var bind: Self { Self(.bind) }
    /// listen(2).
    public static var listen: Self { Self(.listen) }
    /// getsockname(2).
    public static var getsockname: Self { Self(.getsockname) }
    /// connect(2).
    public static var connect: Self { Self(.connect) }
    /// accept(2).
    public static var accept: Self { Self(.accept) }
    /// shutdown(2).
    public static var shutdown: Self { Self(.shutdown) }
    /// pthread_create(3).
    public static var pthreadCreate: Self { Self(.pthreadCreate) }
    /// fork(2).
    public static var fork: Self { Self(.fork) }
    /// waitpid(2).
    public static var waitpid: Self { Self(.waitpid) }
    /// ptrace(2)'s PTRACE_SEIZE, which makes a child a tracee.
    public static var traceSeize: Self { Self(.traceSeize) }
    /// ptrace(2)'s PTRACE_INTERRUPT, which stops a seized tracee.
    public static var traceInterrupt: Self { Self(.traceInterrupt) }
    /// seccomp(2) installing a filter, in a child about to be inspected.
    public static var seccompFilter: Self { Self(.seccompFilter) }
    /// readlink(2).
    public static var readlink: Self { Self(.readlink) }
    /// access(2).
    public static var access: Self { Self(.access) }
    /// dup2(2).
    public static var dup2: Self { Self(.dup2) }
    /// execve(2).
    public static var execve: Self { Self(.execve) }
    /// lseek(2).
    public static var lseek: Self { Self(.lseek) }
    /// setsockopt(2) (timeouts, SO_RCVLOWAT).
    public static var setsockopt: Self { Self(.setsockopt) }
    /// poll(2).
    public static var poll: Self { Self(.poll) }
    /// posix_spawn(3): a client program (curl) started by a demo.
    public static var spawn: Self { Self(.spawn) }
    /// waitid(2) or wait4(2) on a child a demo started.
    public static var waitChild: Self { Self(.waitChild) }
    /// unlink(2).
    public static var unlink: Self { Self(.unlink) }
    /// munmap(2).
    public static var munmap: Self { Self(.munmap) }
    /// flock(2): an advisory lock on an open file, dropped when its last descriptor closes.
    public static var flock: Self { Self(.flock) }
    /// fchmod(2).
    public static var fchmod: Self { Self(.fchmod) }
    /// fstat(2).
    public static var fstat: Self { Self(.fstat) }
    /// inotify_init1(2).
    public static var inotifyInit: Self { Self(.inotifyInit) }
    /// inotify_add_watch(2).
    public static var inotifyAddWatch: Self { Self(.inotifyAddWatch) }
}

extension SystemError.Operation {
    /// The name as the man page and strace spell it: `copy_file_range`, `open(O_DIRECT)`.
    public var description: String {
        switch storage {
        case .open: "open"
        case .openDirect: "open(O_DIRECT)"
        case .read: "read"
        case .pread: "pread"
        case .write: "write"
        case .fsync: "fsync"
        case .fdatasync: "fdatasync"
        case .rename: "rename"
        case .mkdir: "mkdir"
        case .mkstemp: "mkstemp"
        case .mkdtemp: "mkdtemp"
        case .stat: "stat"
        case .opendir: "opendir"
        case .statvfs: "statvfs"
        case .posixFadvise: "posix_fadvise"
        case .mmap: "mmap"
        case .mincore: "mincore"
        case .pipe2: "pipe2"
        case .splice: "splice"
        case .tee: "tee"
        case .sendfile: "sendfile"
        case .copyFileRange: "copy_file_range"
        case .sendZerocopy: "send(MSG_ZEROCOPY)"
        case .enableZerocopy: "setsockopt(SO_ZEROCOPY)"
        case .readErrorQueue: "recvmsg(MSG_ERRQUEUE)"
        case .ioUringSetup: "io_uring_setup"
        case .ioUringEnter: "io_uring_enter"
        case .ioUringRegister: "io_uring_register"
        case .socket: "socket"
        case .bind: "bind"
        case .listen: "listen"
        case .getsockname: "getsockname"
        case .connect: "connect"
        case .accept: "accept"
        case .shutdown: "shutdown"
        case .pthreadCreate: "pthread_create"
        case .fork: "fork"
        case .waitpid: "waitpid"
        case .traceSeize: "PTRACE_SEIZE"
        case .traceInterrupt: "PTRACE_INTERRUPT"
        case .seccompFilter: "seccomp(SECCOMP_SET_MODE_FILTER)"
        case .readlink: "readlink"
        case .access: "access"
        case .dup2: "dup2"
        case .execve: "execve"
        case .lseek: "lseek"
        case .setsockopt: "setsockopt"
        case .poll: "poll"
        case .spawn: "posix_spawn"
        case .waitChild: "waitid"
        case .unlink: "unlink"
        case .munmap: "munmap"
        case .flock: "flock"
        case .fchmod: "fchmod"
        case .fstat: "fstat"
        case .inotifyInit: "inotify_init1"
        case .inotifyAddWatch: "inotify_add_watch"
        }
    }
}
