/// What `zctour inspect` found about one run of a program: per process, the calls it stopped
/// at (or every call), the kernel's own read/write totals, the descriptors it saw, the bytes
/// the kernel copied between them and (with `--every-call`) the bytes that crossed user space
/// through each. The shape of `--json` (schema `zctour.inspect/1`, in docs/json.md).
public struct Inspection: Sendable, Codable {
    public enum Mode: String, Sendable, Codable {
        /// Stops only where the seccomp filter says (`stoppedCalls`); plain reads and writes run
        /// untraced and their totals are the kernel's own counters.
        case filtered = "default"
        /// Stops at every call's entry and exit, like strace.
        case everyCall = "every-call"
    }

    public var mode: Mode
    /// The command as given, argv[0] first, and the executable it resolved to.
    public var command: [String]
    public var executable: String
    /// The command's exit status, passed through: its own, or 128 + the signal that killed it.
    public var exitStatus: Int32
    public var signal: Int32?
    /// Ctrl-C (or SIGTERM, SIGHUP) stopped it: every traced process was killed.
    public var interrupted: Bool
    public var processes: [Process]
    /// Processes traced but left out (`--no-follow`).
    public var processesNotFollowed: Int
    /// Every TCP socket seen, with the kernel's byte counters (tcp_info).
    public var tcpSockets: [TCPSocket]
    /// The first calls, decoded (`--lines`), with the pid that made each.
    public var lines: [Line]?
    /// The calls the default mode stops at, with the argument condition of those that stop
    /// only sometimes; nil with `--every-call`.
    public var stoppedCalls: [StoppedCall]?
    public var stops: Stops
    /// The wall time from starting the program to its last task's end, under the tracer,
    /// without zctour's own start-up and report: comparable only with the same program run
    /// untraced (which the benchmarks do), never a speed of the program itself.
    public var tracedNanoseconds: Int

    public struct Process: Sendable, Codable {
        public var pid: Int32
        public var parent: Int32?
        /// The program's name (comm), and every executable it ran, in order (a shell that
        /// execs cat is one process: sh, then cat).
        public var name: String
        public var executables: [String]
        public var exitStatus: Int32?
        /// The signal that ended it, when one did: it did not exit, it was killed.
        public var signal: Int32? = nil
        public var tasks: Int
        /// Tasks whose counters were read at their exit stop; the others (killed before it)
        /// are missing from `kernelTotals`.
        public var tasksMeasured: Int
        /// By name: the calls stopped at (default mode) or every call, counted at their return.
        public var syscalls: [String: Tracer.Count]
        /// Calls entered that never returned (exit, exit_group, a task killed inside a call).
        public var unfinished: [String: Int]
        /// Per task, with `--threads`.
        public var threads: [Thread]?
        /// The sum of its tasks' /proc/TID/task/TID/io at their exit stops, less what the
        /// launcher counted before the command's first execve.
        public var kernelTotals: IOCounters?
        /// The part of `kernelTotals` that execve itself counted, loading the program and its
        /// interpreter (fs/exec.c reads them through __kernel_read, which counts).
        public var execveOwn: IOCounters
        /// The part of `kernelTotals` that the stopped-at sendfile and copy_file_range calls made
        /// (by the rule of `KernelIOAccounting`): /proc counts their bytes in rchar and wchar
        /// although those bytes never reach user space.
        public var kernelCopiesCounted: IOCounters
        /// `--every-call`: what the calls seen predict the kernel counted (`KernelIOAccounting`),
        /// less execve's own; equal to `kernelTotals - execveOwn` when both are right.
        public var predictedTotals: IOCounters?
        public var minflt: Int
        public var majflt: Int
        public var descriptors: [SeenDescriptor]
        public var kernelCopies: [KernelCopy]
        /// `--every-call`: bytes through user space per descriptor; nil in the default mode.
        public var userSpace: [UserSpaceBytes]?
        public var mappings: [Mapping]
        public var zerocopySends: Int
        public var ioUringSetups: Int
        public var ioUringEnters: Int

        enum CodingKeys: String, CodingKey {
            case pid, parent, name, executables, signal, tasks, syscalls, unfinished, threads, minflt, majflt, descriptors, mappings
            case exitStatus = "exit_status"
            case tasksMeasured = "tasks_measured"
            case kernelTotals = "kernel_totals"
            case execveOwn = "execve_own"
            case kernelCopiesCounted = "kernel_copies_counted"
            case predictedTotals = "predicted_totals"
            case kernelCopies = "kernel_copies"
            case userSpace = "user_space"
            case zerocopySends = "zerocopy_sends"
            case ioUringSetups = "io_uring_setups"
            case ioUringEnters = "io_uring_enters"
        }
    }

    public struct Thread: Sendable, Codable {
        public var tid: Int32
        public var syscalls: [String: Tracer.Count]
        public var kernelTotals: IOCounters?

        enum CodingKeys: String, CodingKey {
            case tid, syscalls
            case kernelTotals = "kernel_totals"
        }
    }

    /// A descriptor the process opened, received or inherited, as it was when seen.
    public struct SeenDescriptor: Sendable, Codable {
        public var descriptor: Descriptor
        /// The numbers it had.
        public var fds: [Int32]
        /// The call that made it (`openat`, `pipe2`, `connect`), or `inherited`.
        public var how: String
    }

    /// Bytes one kernel-copy call moved between two descriptors, summed over its calls.
    public struct KernelCopy: Sendable, Codable {
        /// sendfile, splice, tee, vmsplice, copy_file_range, or ioctl(FICLONE) (a reflink: the
        /// file's size, shared, not copied).
        public var call: String
        public var from: Descriptor
        public var to: Descriptor
        public var calls: Int
        public var errors: Int
        public var bytes: Int
    }

    public struct UserSpaceBytes: Sendable, Codable {
        public var descriptor: Descriptor
        public var readBytes: Int
        public var readCalls: Int
        public var writtenBytes: Int
        public var writeCalls: Int

        enum CodingKeys: String, CodingKey {
            case descriptor
            case readBytes = "read_bytes"
            case readCalls = "read_calls"
            case writtenBytes = "written_bytes"
            case writeCalls = "write_calls"
        }
    }

    public struct Mapping: Sendable, Codable {
        public var descriptor: Descriptor
        public var calls: Int
        public var bytes: Int
    }

    public struct TCPSocket: Sendable, Codable {
        public var descriptor: Descriptor
        public var sent: Int
        public var received: Int
    }

    public struct Line: Sendable, Codable {
        public var pid: Int32
        public var call: String
    }

    public struct StoppedCall: Sendable, Codable {
        public var name: String
        public var condition: String?

        public init(name: String, condition: String?) {
            self.name = name
            self.condition = condition
        }
    }

    public struct Stops: Sendable, Codable {
        public var seccomp: Int
        public var entries: Int
        public var exits: Int
        public var events: Int
        public var signals: Int
    }

    enum CodingKeys: String, CodingKey {
        case mode, command, executable, signal, interrupted, processes, lines, stops
        case exitStatus = "exit_status"
        case processesNotFollowed = "processes_not_followed"
        case tcpSockets = "tcp_sockets"
        case stoppedCalls = "stopped_calls"
        case tracedNanoseconds = "traced_ns"
    }
}
