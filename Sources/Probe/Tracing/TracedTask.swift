import CShims

/// A process the tracer follows: its thread group, how many of its tasks are alive, and how it
/// ended (its leader's wait status).
final class TracedProcess {
    /// The order processes appeared in, from 0 (the command itself).
    let serial: Int
    let pid: Int32
    var parent: Int32?
    /// Counted and shown (`--no-follow` leaves a command's child processes out, although they
    /// are still traced: the seccomp filter they inherit needs its tracer, and Ctrl-C kills them).
    let followed: Bool
    var liveTasks = 0
    var exitStatus: Int32?
    /// The signal that ended it, when one did (its exit status is then 128 + the signal).
    var signal: Int32?

    init(serial: Int, pid: Int32, parent: Int32?, followed: Bool) {
        self.serial = serial
        self.pid = pid
        self.parent = parent
        self.followed = followed
    }
}

/// One traced thread: its process, and the call it is in, as its last entry or seccomp stop
/// described it (an exit stop carries only the result).
final class TracedTask {
    var tid: Int32
    let process: TracedProcess
    /// A call entered that has not returned yet.
    var inCall = false
    /// In the default mode: resumed with PTRACE_SYSCALL from a seccomp stop, so the next stop is
    /// this call's exit stop, which has its result.
    var wantsExit = false
    var number: UInt64 = 0
    var arch: UInt32 = 0
    var arguments: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)

    init(tid: Int32, process: TracedProcess) {
        self.tid = tid
        self.process = process
    }

    /// Whether the call is one of this machine's own ABI (not i386 through int $0x80, not x32).
    var isNative: Bool { arch == zc_native_audit_arch && number < 0x4000_0000 }

    func argument(_ index: Int) -> UInt64 {
        switch index {
        case 0: arguments.0
        case 1: arguments.1
        case 2: arguments.2
        case 3: arguments.3
        case 4: arguments.4
        default: arguments.5
        }
    }

    /// Argument `index` as a descriptor (an int in the register's low half).
    func descriptor(_ index: Int) -> Int32 { Int32(truncatingIfNeeded: argument(index)) }

    var allArguments: [UInt64] { [arguments.0, arguments.1, arguments.2, arguments.3, arguments.4, arguments.5] }

    func enter(_ stop: zc_syscall_stop) {
        number = stop.number
        arch = stop.arch
        arguments = stop.args
        inCall = true
    }
}

/// What the tracing loop tells the code that counts, stop by stop. Calls made before the
/// command's first execve (the launcher's own) are never reported.
protocol TraceObserver: AnyObject {
    /// A call stopped at its entry (or its seccomp stop), before it runs.
    func entered(_ task: TracedTask)
    /// The same call at its exit stop.
    func returned(_ task: TracedTask, result: Int64, isError: Bool)
    /// A call entered that will never return: exit, exit_group, or a task killed inside a call.
    func unfinished(_ task: TracedTask)
    /// A new thread, or the first task of a new process.
    func appeared(_ task: TracedTask)
    /// PTRACE_EVENT_EXIT: the task is exiting, its counters and descriptors still readable.
    func exiting(_ task: TracedTask)
    /// A successful execve; a thread that was not the leader took the leader's tid.
    func execed(_ task: TracedTask, formerTID: Int32)
    /// The task is gone (reaped).
    func gone(_ task: TracedTask)
}
