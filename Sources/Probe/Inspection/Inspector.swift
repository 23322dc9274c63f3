import CShims
import Glibc
import Syscalls

/// `zctour inspect`'s observer of the trace engine: per process, counts the calls it is told
/// of, describes descriptors while they are open, sums what the kernel copied between them
/// and, with `--every-call`, what crossed user space through each; at each task's exit stop it
/// reads the task's own kernel counters, which is how the default mode has exact read/write
/// totals without stopping at a single read or write.
public final class Inspector: TraceObserver {
    public struct Options: Sendable {
        public var everyCall = false
        /// Child processes counted and shown (they are traced either way).
        public var followChildren = true
        /// Per-thread tables besides the per-process ones.
        public var threadsApart = false
        /// How many calls to decode, in the order they returned.
        public var lines = 0

        public init(everyCall: Bool = false, followChildren: Bool = true, threadsApart: Bool = false, lines: Int = 0) {
            self.everyCall = everyCall
            self.followChildren = followChildren
            self.threadsApart = threadsApart
            self.lines = lines
        }
    }

    /// Runs `path` (argv `command`) to its end under the tracer and returns what it found.
    /// Its standard descriptors are the ones given (-1: zctour's own). Throws `Tracer.Refused`
    /// where ptrace is not permitted, `Tracer.StartFailed` where the program could not start.
    public static func run(
        _ path: String, command: [String], environment: [String], options: Options,
        input: Int32 = -1, output: Int32 = -1, errors: Int32 = -1, stopRequested: () -> Bool
    ) throws -> Inspection {
        let inspector = Inspector(options: options)
        let engine = TraceEngine(
            mode: options.everyCall ? .everyCall : .filtered, followChildren: options.followChildren, observer: inspector)
        let outcome = try engine.run(
            path, arguments: command, environment: environment, input: input, output: output, errors: errors,
            stopRequested: stopRequested)
        if let failure = outcome.startFailure {
            throw Tracer.StartFailed(description: "\(command.first ?? path): \(Tracer.startFailure(failure, path: path))")
        }
        return inspector.inspection(command: command, executable: path, outcome: outcome, engine: engine)
    }

    private let options: Options
    private var tasks: [Int32: TaskAccount] = [:]
    private var processes: [ProcessAccount?] = []
    private var sockets: [UInt64: Inspection.TCPSocket] = [:]
    private var socketOrder: [UInt64] = []
    private var lines: [(pid: Int32, call: SyscallCall)] = []
    private var launcherCounted = false

    init(options: Options) { self.options = options }

    // MARK: the observer

    func entered(_ task: TracedTask) {
        let account = self.account(task)
        let process = self.process(task)
        account.before = (nil, nil)
        let kind = SyscallKind.of(task)
        switch kind {
        case .execve, .execveat:
            account.atExec = TaskCounters.io(of: task.tid)
            if !launcherCounted {  // the command's first execve: what the launcher did is not its own
                launcherCounted = true
                account.base = account.atExec
                process.launcher = true
                describeInherited(task, process)
            }
        case .close:
            let descriptor = Descriptor.of(tid: task.tid, fd: task.descriptor(0))
            sample(descriptor, fd: task.descriptor(0), of: task)
            if descriptor.kind != .unknown { process.saw(descriptor, fd: task.descriptor(0), how: "seen at close") }
        case .sendfile: account.before = describe(task, task.descriptor(1), task.descriptor(0))
        case .splice, .copyFileRange: account.before = describe(task, task.descriptor(0), task.descriptor(2))
        case .tee: account.before = describe(task, task.descriptor(0), task.descriptor(1))
        case .vmsplice:
            let pipe = Descriptor.of(tid: task.tid, fd: task.descriptor(0))
            let memory = Descriptor(kind: .other, what: "user memory")
            account.before = isWriteEnd(task, task.descriptor(0)) ? (memory, pipe) : (pipe, memory)
        case .ioctl:
            if task.argument(1) == UInt64(Inspector.ficlone) {
                account.before = describe(task, Int32(truncatingIfNeeded: task.argument(2)), task.descriptor(0))
            } else if task.argument(1) == UInt64(Inspector.ficloneRange) {
                var source: UInt64 = 0
                if zc_trace_peek(task.tid, task.argument(2), &source) == 0 {
                    account.before = describe(task, Int32(truncatingIfNeeded: source), task.descriptor(0))
                }
            }
        case .mmap:
            if task.argument(3) & UInt64(MAP_ANONYMOUS) == 0 && task.descriptor(4) >= 0 {
                account.before = (Descriptor.of(tid: task.tid, fd: task.descriptor(4)), nil)
            }
        case .sendto, .sendmmsg:
            if task.argument(3) & UInt64(zc_msg_zerocopy) != 0 { process.zerocopySends += 1 }
        case .sendmsg:
            if task.argument(2) & UInt64(zc_msg_zerocopy) != 0 { process.zerocopySends += 1 }
        case .ioUringSetup: process.ioUringSetups += 1
        case .ioUringEnter: process.ioUringEnters += 1
        default: break
        }
        account.line = nil
        if lines.count < options.lines {
            account.line = lines.count
            lines.append(
                (task.process.pid, SyscallCall(name: SyscallCall.name(number: task.number, arch: task.arch), arguments: task.allArguments)))
        }
    }

    func returned(_ task: TracedTask, result: Int64, isError: Bool) {
        let account = self.account(task)
        let process = self.process(task)
        account.counts.count(SyscallCounts.slot(of: task), isError: isError)
        if let line = account.line {
            lines[line].call.result = result
            lines[line].call.isError = isError
            account.line = nil
        }
        let kind = SyscallKind.of(task)
        if options.everyCall { KernelIOAccounting.add(kind, result: result, isError: isError, to: &process.predicted) }
        if kind == .sendfile || kind == .copyFileRange {
            KernelIOAccounting.add(kind, result: result, isError: isError, to: &process.kernelCopiesCounted)
        }
        if kind.copiesInKernel || kind == .ioctl {
            if let from = account.before.0, let to = account.before.1 {
                var bytes = isError ? 0 : Int(max(result, 0))
                var name = kind.rawValue
                if kind == .ioctl {
                    name = task.argument(1) == UInt64(Inspector.ficlone) ? "ioctl(FICLONE)" : "ioctl(FICLONERANGE)"
                    bytes = isError ? 0 : clonedBytes(task)
                }
                process.copied(name, from: from, to: to, bytes: bytes, isError: isError)
            }
            account.before = (nil, nil)
            return
        }
        if kind == .execve || kind == .execveat {
            if let before = account.atExec, let now = TaskCounters.io(of: task.tid) {
                process.execveOwn = process.execveOwn + (now - before)
            }
            account.atExec = nil
            return
        }
        guard !isError else { return }
        let value = Int32(truncatingIfNeeded: result)
        switch kind {
        case .open, .openat, .openat2, .creat, .socket, .accept, .accept4, .dup:
            process.opened(value, Descriptor.of(tid: task.tid, fd: value), how: kind.rawValue)
        case .fcntl:
            if task.argument(1) == UInt64(F_DUPFD) || task.argument(1) == UInt64(Inspector.dupCloseOnExec) {
                process.opened(value, Descriptor.of(tid: task.tid, fd: value), how: "fcntl")
            }
        case .dup2, .dup3:
            process.opened(task.descriptor(1), Descriptor.of(tid: task.tid, fd: task.descriptor(1)), how: kind.rawValue)
        case .pipe, .pipe2, .socketpair:
            var word: UInt64 = 0
            if zc_trace_peek(task.tid, task.argument(kind == .socketpair ? 3 : 0), &word) == 0 {
                for fd in [Int32(truncatingIfNeeded: word), Int32(truncatingIfNeeded: word >> 32)] {
                    process.opened(fd, Descriptor.of(tid: task.tid, fd: fd), how: kind.rawValue)
                }
            }
        case .connect:
            process.opened(task.descriptor(0), Descriptor.of(tid: task.tid, fd: task.descriptor(0)), how: "connect")
        case .close: process.forget(task.descriptor(0))
        case .closeRange:
            if task.argument(2) & UInt64(Inspector.closeRangeCloseOnExec) == 0 {
                process.forget(from: Int32(truncatingIfNeeded: task.argument(0)), to: Int64(task.argument(1)))
            }
        case .mmap:
            if let file = account.before.0 { process.mapped(file, bytes: Int(task.argument(1))) }
        default:
            if options.everyCall && result >= 0 && (kind.readsIntoUserSpace || kind.writesFromUserSpace) {
                let fd = task.descriptor(0)
                process.moved(Int(result), through: fd, reading: kind.readsIntoUserSpace) { Descriptor.of(tid: task.tid, fd: fd) }
            }
        }
        account.before = (nil, nil)
    }

    func unfinished(_ task: TracedTask) {
        let name = SyscallCounts.name(ofSlot: SyscallCounts.slot(of: task))
        process(task).unfinished[name, default: 0] += 1
        account(task).before = (nil, nil)
    }

    func appeared(_ task: TracedTask) { _ = account(task) }

    func exiting(_ task: TracedTask) {
        let account = self.account(task)
        let process = self.process(task)
        if let counters = TaskCounters.read(task.tid) {
            account.io = counters.io - (account.base ?? IOCounters())
            account.minflt = counters.minflt
            account.majflt = counters.majflt
        }
        account.exitStopSeen = true
        process.exitStops += 1
        // The last of its tasks to stop here still holds the descriptor table: the sockets it
        // leaves open are read now (a listing of /proc/TID/fd, not a readlink per number).
        if process.exitStops >= task.process.liveTasks { sampleOpenSockets(of: task) }
    }

    func execed(_ task: TracedTask, formerTID: Int32) {
        if formerTID != task.tid, let moved = tasks.removeValue(forKey: formerTID) { tasks[task.tid] = moved }
        let process = self.process(task)
        process.forgetAll()  // close-on-exec descriptors are gone
        process.readNames(task.tid, exec: true)
        describeInherited(task, process)
    }

    func gone(_ task: TracedTask) {
        guard let account = tasks.removeValue(forKey: task.tid) else { return }
        let process = self.process(task)
        if account.exitStopSeen { process.exitStops -= 1 }
        process.exitStatus = task.process.exitStatus ?? process.exitStatus
        process.signal = task.process.signal ?? process.signal
    }

    // MARK: helpers

    static let ficlone: UInt32 = 0x4004_9409  // _IOW(0x94, 9, int), linux/fs.h
    static let ficloneRange: UInt32 = 0x4020_940D  // _IOW(0x94, 13, struct file_clone_range)
    static let dupCloseOnExec: Int32 = 1030  // F_DUPFD_CLOEXEC, fcntl.h
    static let closeRangeCloseOnExec: UInt64 = 1 << 2  // CLOSE_RANGE_CLOEXEC, linux/close_range.h

    private func account(_ task: TracedTask) -> TaskAccount {
        if let account = tasks[task.tid] { return account }
        let account = TaskAccount(tid: task.tid)
        tasks[task.tid] = account
        process(task).tasks.append(account)
        return account
    }

    private func process(_ task: TracedTask) -> ProcessAccount {
        let serial = task.process.serial
        while processes.count <= serial { processes.append(nil) }
        if let process = processes[serial] { return process }
        let process = ProcessAccount(task.process)
        process.readNames(task.tid, exec: false)
        processes[serial] = process
        return process
    }

    private func describe(_ task: TracedTask, _ from: Int32, _ to: Int32) -> (Descriptor?, Descriptor?) {
        (Descriptor.of(tid: task.tid, fd: from), Descriptor.of(tid: task.tid, fd: to))
    }

    /// Standard input, output and error as the program found them when it started.
    private func describeInherited(_ task: TracedTask, _ process: ProcessAccount) {
        for fd: Int32 in 0...2 {
            let descriptor = Descriptor.of(tid: task.tid, fd: fd)
            if descriptor.kind != .unknown { process.saw(descriptor, fd: fd, how: "inherited") }
        }
    }

    /// Whether a pipe descriptor is its write end (vmsplice then moves user memory into it).
    private func isWriteEnd(_ task: TracedTask, _ fd: Int32) -> Bool {
        guard let bytes = try? Syscall.readAll(path: "/proc/\(task.tid)/fdinfo/\(fd)", limit: 4096) else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags:") }),
            let flags = Int32(line.dropFirst(6).filter { !$0.isWhitespace }, radix: 8)
        else { return false }
        return flags & O_ACCMODE == O_WRONLY
    }

    /// What a successful FICLONE shared: the whole source file; FICLONERANGE: its src_length
    /// (0 meaning to the end of the file), from the struct the call was given.
    private func clonedBytes(_ task: TracedTask) -> Int {
        if task.argument(1) == UInt64(Inspector.ficlone) {
            return Descriptor.fileSize(tid: task.tid, fd: Int32(truncatingIfNeeded: task.argument(2))) ?? 0
        }
        var source: UInt64 = 0
        var offset: UInt64 = 0
        var length: UInt64 = 0
        let address = task.argument(2)
        guard zc_trace_peek(task.tid, address, &source) == 0, zc_trace_peek(task.tid, address + 8, &offset) == 0,
            zc_trace_peek(task.tid, address + 16, &length) == 0
        else { return 0 }
        if length > 0 { return Int(length) }
        let size = Descriptor.fileSize(tid: task.tid, fd: Int32(truncatingIfNeeded: source)) ?? 0
        return max(0, size - Int(offset))
    }

    /// A TCP socket's byte counters while it is open (at its close, or at its process's exit).
    private func sample(_ descriptor: Descriptor, fd: Int32, of task: TracedTask) {
        guard descriptor.kind == .tcp, let inode = descriptor.inode else { return }
        var sent: UInt64 = 0
        var received: UInt64 = 0
        guard zc_tcp_socket_bytes(task.tid, task.process.pid, fd, &sent, &received) == 0 else { return }
        if sockets[inode] == nil { socketOrder.append(inode) }
        var socket = sockets[inode] ?? Inspection.TCPSocket(descriptor: descriptor, sent: 0, received: 0)
        // Kept by inode, the largest values seen: a socket shared by two processes is one socket.
        socket.sent = max(socket.sent, Int(sent))
        socket.received = max(socket.received, Int(received))
        if descriptor.what.contains("->") { socket.descriptor = descriptor }
        sockets[inode] = socket
    }

    private func sampleOpenSockets(of task: TracedTask) {
        let directory = "/proc/\(task.tid)/fd"
        guard let listing = try? Syscall.pointer(.opendir, path: directory, { opendir(directory) }) else { return }
        defer { closedir(listing) }
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let fd = Int32(name), let target = Descriptor.readLink("\(directory)/\(name)"), target.hasPrefix("socket:") else {
                continue
            }
            sample(Descriptor.of(tid: task.tid, fd: fd), fd: fd, of: task)
        }
    }

    // MARK: the result

    private func inspection(command: [String], executable: String, outcome: TraceEngine.Outcome, engine: TraceEngine)
        -> Inspection
    {
        let stopped: [Inspection.StoppedCall]? =
            options.everyCall
            ? nil
            : (0..<Int(zc_inspect_call_count)).compactMap { index in
                let call = zc_inspect_call(Int32(index)).pointee
                let name = SyscallCall.name(number: UInt64(call.number), arch: zc_native_audit_arch)
                return Inspection.StoppedCall(name: name, condition: call.condition.map { String(cString: $0) })
            }
        return Inspection(
            mode: options.everyCall ? .everyCall : .filtered, command: command, executable: executable,
            exitStatus: outcome.exitStatus, signal: outcome.signal, interrupted: outcome.interrupted,
            processes: processes.compactMap { $0?.result(threadsApart: options.threadsApart, everyCall: options.everyCall) },
            processesNotFollowed: engine.processesNotFollowed,
            tcpSockets: socketOrder.compactMap { sockets[$0] },
            lines: options.lines > 0 ? lines.map { Inspection.Line(pid: $0.pid, call: $0.call.description) } : nil,
            stoppedCalls: stopped,
            stops: Inspection.Stops(
                seccomp: outcome.stops.seccomp, entries: outcome.stops.entries, exits: outcome.stops.exits,
                events: outcome.stops.events, signals: outcome.stops.signals),
            tracedNanoseconds: outcome.tracedNanoseconds)
    }
}

/// What the inspector keeps for one task.
final class TaskAccount {
    let tid: Int32
    var counts = SyscallCounts()
    /// The descriptors a call works on, described at its entry while they are open.
    var before: (Descriptor?, Descriptor?) = (nil, nil)
    /// The task's counters at an execve's entry, to take what execve itself counted.
    var atExec: IOCounters?
    /// The command's first task: what its counters held before the command's first execve.
    var base: IOCounters?
    var io: IOCounters?
    var minflt = 0
    var majflt = 0
    var exitStopSeen = false
    /// The index of its call in the decoded lines, while it is in that call.
    var line: Int?

    init(tid: Int32) { self.tid = tid }
}
