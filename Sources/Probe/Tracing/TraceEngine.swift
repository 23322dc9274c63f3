import CShims
import Dispatch
import Glibc
import Syscalls

/// The one ptrace loop behind `--trace` and `inspect`: starts a program as a tracee, follows
/// its threads, forks and execs, and tells an observer about every call it stops at.
///
/// Start-up (ptrace(2)): the child is forked and waits on a pipe; the tracer PTRACE_SEIZEs it
/// with every option at once (so group-stops are PTRACE_EVENT_STOPs that PTRACE_LISTEN keeps),
/// PTRACE_INTERRUPTs it once so that it can be resumed with PTRACE_SYSCALL, then lets it go; the
/// child installs the seccomp filter (`.filtered`) as its last act and execs. Counting starts at
/// the command's first execve, so nothing the launcher did is counted.
///
/// `.everyCall` stops at every syscall's entry and exit, like strace. `.filtered` stops only
/// where the seccomp filter returns SECCOMP_RET_TRACE (`zc_inspect_calls`): at the seccomp stop
/// (since Linux 4.8 between entry and exit) the task is resumed with PTRACE_SYSCALL, so the next
/// stop is the call's exit, with its result; everything else runs at full speed.
final class TraceEngine {
    enum Mode: Sendable { case everyCall, filtered }

    /// How the tracee ended up: its exit status, or why it never ran.
    struct Outcome {
        var exitStatus: Int32 = 0
        /// The wait status was a death by this signal.
        var signal: Int32?
        /// The exec (or what comes before it in the child) failed: the step and the errno.
        var startFailure: (step: Int32, errno: Int32)?
        var interrupted = false
        var stops = Stops()
        /// From the fork to the last task reaped (CLOCK_MONOTONIC): the program's own time
        /// under the tracer, without the tracer's start-up or report.
        var tracedNanoseconds = 0
    }

    /// How many stops of each kind the loop handled: the cost of tracing, in stops.
    struct Stops: Sendable, Equatable, Codable {
        var seccomp = 0
        var entries = 0
        var exits = 0
        var events = 0
        var signals = 0
    }

    let mode: Mode
    let followChildren: Bool
    private let observer: TraceObserver
    private var tasks: [Int32: TracedTask] = [:]
    private var processes: [Int32: TracedProcess] = [:]
    private var processCount = 0
    /// Processes traced but not followed (`--no-follow`).
    private(set) var processesNotFollowed = 0
    private var root: Int32 = 0
    private var started = false
    private var outcome = Outcome()

    init(mode: Mode, followChildren: Bool = true, observer: TraceObserver) {
        self.mode = mode
        self.followChildren = followChildren
        self.observer = observer
    }

    /// `ZCTOUR_SIMULATE_PTRACE_REFUSAL=1` makes PTRACE_SEIZE fail with EPERM, as in a container
    /// without the capability, for the tests and for `doctor`.
    static var refusalSimulated: Bool { getenv("ZCTOUR_SIMULATE_PTRACE_REFUSAL").map { String(cString: $0) == "1" } ?? false }

    /// Runs `path` (argv `arguments`, `environment` as `KEY=value`) under the tracer until every
    /// task is gone. Its standard descriptors are the given ones (-1: zctour's own). When
    /// `stopRequested` says so (Ctrl-C, SIGTERM), every traced process is killed and the loop
    /// drains them. Throws `Tracer.Refused` when ptrace is not permitted.
    func run(
        _ path: String, arguments: [String], environment: [String], input: Int32 = -1, output: Int32 = -1, errors: Int32 = -1,
        stopRequested: () -> Bool
    ) throws -> Outcome {
        var go: [Int32] = [0, 0]
        var report: [Int32] = [0, 0]
        do {
            try Syscall.value(.pipe2) { zc_pipe2(&go, O_CLOEXEC) }
            do {
                try Syscall.value(.pipe2) { zc_pipe2(&report, O_CLOEXEC) }
            } catch {
                close(go[0])
                close(go[1])
                throw error
            }
        } catch let error as SystemError {
            throw Tracer.StartFailed(description: "cannot start the traced program: \(error)")
        }
        defer { close(report[0]) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        let filter: Int32 = mode == .filtered ? 1 : 0
        let clock = DispatchTime.now().uptimeNanoseconds
        let pid: Int32
        do {
            defer {
                close(go[0])
                close(report[1])  // the child's copies are the ones that matter
                for pointer in argv + envp { free(pointer) }
            }
            pid = try Syscall.value(.fork) {
                argv.withUnsafeMutableBufferPointer { a in
                    envp.withUnsafeMutableBufferPointer { e in
                        zc_spawn_seized(path, a.baseAddress, e.baseAddress, input, output, errors, filter, go, report)
                    }
                }
            }
        } catch let error as SystemError {
            close(go[1])
            throw Tracer.StartFailed(description: "cannot start the traced program: \(error)")
        }
        do {
            try seize(pid)
        } catch {
            close(go[1])  // end of file: the child exits without running anything
            Self.reap(pid)
            throw error
        }
        let written = withUnsafeBytes(of: UInt8(ascii: "g")) { byte in try? Syscall.writeAll(go[1], byte) }
        close(go[1])
        guard written == 1 else {
            kill(pid, SIGKILL)
            Self.reap(pid)
            throw Tracer.StartFailed(description: "cannot start the traced program: its start-up pipe failed")
        }
        root = pid
        let process = newProcess(pid, parent: nil, followed: true)
        let task = TracedTask(tid: pid, process: process)
        add(task)
        resume(task)
        loop(stopRequested: stopRequested)
        outcome.tracedNanoseconds = Int(DispatchTime.now().uptimeNanoseconds - clock)
        // The exec closed the report's write end; a child that failed wrote why first.
        if let failure = try? Syscall.readAll(report[0], limit: 2 * MemoryLayout<Int32>.size),
            failure.count == 2 * MemoryLayout<Int32>.size
        {
            outcome.startFailure = failure.withUnsafeBytes {
                ($0.load(as: Int32.self), $0.load(fromByteOffset: 4, as: Int32.self))
            }
        }
        return outcome
    }

    /// PTRACE_SEIZE, then one PTRACE_INTERRUPT and its stop: the child is blocked reading the
    /// start-up pipe, and from that stop it can be resumed with PTRACE_SYSCALL.
    private func seize(_ pid: Int32) throws {
        let code: Int32 = Self.refusalSimulated ? EPERM : (zc_trace_seize(pid) == 0 ? 0 : errno)
        if code != 0 { throw Tracer.Refused(reason: Tracer.refusalReason(code)) }
        var status: Int32 = 0
        do {
            try Syscall.value(.traceInterrupt) { zc_trace_interrupt(pid) }
            while try Syscall.value(.waitpid, { waitpid(pid, &status, Int32(__WALL)) }) != pid {}
        } catch let error as SystemError {
            throw Tracer.StartFailed(description: "the traced program did not stop: \(error)")
        }
        guard (status & 0xFF) == 0x7F else {
            throw Tracer.StartFailed(description: "the traced program did not stop (wait status \(status))")
        }
    }

    /// Waits for every task of a tracee that is gone or was just killed.
    static func reap(_ pid: Int32) {
        var status: Int32 = 0
        while (try? Syscall.value(.waitpid) { waitpid(pid, &status, Int32(__WALL)) }) != nil {}
    }

    // MARK: the loop

    private func loop(stopRequested: () -> Bool) {
        var status: Int32 = 0
        while !tasks.isEmpty {
            if !outcome.interrupted && stopRequested() {
                outcome.interrupted = true
                for process in processes.values { kill(process.pid, SIGKILL) }
            }
            let tid: Int32
            do {
                tid = try Syscall.value(.waitpid) { waitpid(-1, &status, Int32(__WALL)) }
            } catch is Interrupted {
                continue  // stopRequested() now says so: everything is killed, then reaped here
            } catch {
                break  // ECHILD: every task is gone
            }
            if (status & 0x7F) != 0x7F {
                if let task = tasks[tid] { ended(task, status: status) }
                continue
            }
            let task = tasks[tid] ?? discovered(tid)
            let signal = (status >> 8) & 0xFF
            let event = status >> 16
            if signal == SIGTRAP | 0x80 {
                syscallStop(task)
            } else if signal == SIGTRAP && event != 0 {
                if event == zc_trace_event_stop {
                    resume(task)  // a new task's first stop, or our own interrupt
                } else {
                    eventStop(task, event: event)
                }
            } else if event == zc_trace_event_stop {
                _ = zc_trace_listen(tid)  // a group-stop (SIGSTOP, SIGTSTP...): it stays stopped
            } else {
                outcome.stops.signals += 1
                resume(task, signal: signal)  // a signal-delivery stop: deliver it
            }
        }
    }

    /// Resumes a task: to its next syscall stop with `.everyCall` (for followed tasks) or when
    /// a seccomp stop wants the call's result; otherwise to its next seccomp stop or event.
    private func resume(_ task: TracedTask, signal: Int32 = 0) {
        let everyCall = mode == .everyCall && task.process.followed
        if everyCall || task.wantsExit {
            _ = zc_trace_syscall(task.tid, signal)
        } else {
            _ = zc_trace_cont(task.tid, signal)
        }
    }

    private func syscallStop(_ task: TracedTask) {
        var stop = zc_syscall_stop()
        guard zc_trace_stop(task.tid, &stop) == 0 else { return resume(task) }
        switch stop.op {
        case 1:
            outcome.stops.entries += 1
            enter(task, stop)
        case 2:
            outcome.stops.exits += 1
            task.wantsExit = false
            if task.inCall {
                task.inCall = false
                observer.returned(task, result: stop.result, isError: stop.is_error != 0)
            }
        default:
            break
        }
        resume(task)
    }

    private func eventStop(_ task: TracedTask, event: Int32) {
        if event == zc_trace_event_seccomp {
            outcome.stops.seccomp += 1
            var stop = zc_syscall_stop()
            if zc_trace_stop(task.tid, &stop) == 0 && stop.op == 3 {
                enter(task, stop)
                // exit and exit_group never return: there is no exit stop to wait for.
                task.wantsExit = task.inCall && !SyscallKind.of(task).neverReturns
            }
            return resume(task)
        }
        outcome.stops.events += 1
        var message: UInt = 0
        _ = zc_trace_event_message(task.tid, &message)
        if event == zc_trace_event_clone || event == zc_trace_event_fork || event == zc_trace_event_vfork {
            created(Int32(truncatingIfNeeded: message), by: task, thread: event == zc_trace_event_clone)
            resume(task)
        } else if event == zc_trace_event_exec {
            resume(execed(task, formerTID: Int32(truncatingIfNeeded: message)))
        } else if event == zc_trace_event_exit {
            if task.process.followed && started {
                observer.exiting(task)
                if task.inCall {
                    task.inCall = false
                    observer.unfinished(task)
                }
            }
            task.wantsExit = false
            resume(task)
        } else {
            resume(task)
        }
    }

    /// A call's entry (or seccomp stop): counting starts at the command's first execve.
    private func enter(_ task: TracedTask, _ stop: zc_syscall_stop) {
        if task.inCall && started && task.process.followed {
            observer.unfinished(task)  // the previous call never came back (a restart, say)
        }
        task.enter(stop)
        if !started {
            guard task.tid == root, SyscallKind.of(task) == .execve else {
                task.inCall = false
                return
            }
            started = true
        }
        guard task.process.followed else {
            task.inCall = false
            return
        }
        observer.entered(task)
    }

    // MARK: tasks and processes

    private func newProcess(_ pid: Int32, parent: Int32?, followed: Bool) -> TracedProcess {
        let process = TracedProcess(serial: processCount, pid: pid, parent: parent, followed: followed)
        processCount += 1
        if !followed { processesNotFollowed += 1 }
        processes[pid] = process
        return process
    }

    private func add(_ task: TracedTask) {
        tasks[task.tid] = task
        task.process.liveTasks += 1
        if task.process.followed && started { observer.appeared(task) }
    }

    /// A task the loop has not heard of: a new thread or process that stopped before its
    /// creator's PTRACE_EVENT_CLONE/FORK stop arrived. Its process is found in /proc.
    private func discovered(_ tid: Int32) -> TracedTask {
        let pid = Self.threadGroup(of: tid)
        let process = processes[pid] ?? newProcess(pid, parent: nil, followed: followChildren)
        let task = TracedTask(tid: tid, process: process)
        add(task)
        return task
    }

    private func created(_ tid: Int32, by parent: TracedTask, thread: Bool) {
        guard tid > 0 else { return }
        if let known = tasks[tid] {
            if known.process !== parent.process, known.process.parent == nil { known.process.parent = parent.process.pid }
            return
        }
        let sameProcess = thread && Self.threadGroup(of: tid) == parent.process.pid
        let process =
            sameProcess ? parent.process : newProcess(tid, parent: parent.process.pid, followed: followChildren)
        add(TracedTask(tid: tid, process: process))
    }

    /// PTRACE_EVENT_EXEC. A thread other than the leader that execs takes the leader's tid
    /// (ptrace(2), "execve(2) under ptrace"); the old leader was seen at its exit stop and is
    /// gone without a wait status of its own.
    private func execed(_ task: TracedTask, formerTID: Int32) -> TracedTask {
        var execing = task
        if formerTID != task.tid, let former = tasks[formerTID] {
            tasks[formerTID] = nil
            if let oldLeader = tasks[task.tid], oldLeader !== former {
                oldLeader.process.liveTasks -= 1
                if oldLeader.process.followed && started { observer.gone(oldLeader) }
            }
            former.tid = task.tid
            tasks[task.tid] = former
            execing = former
        }
        if execing.process.followed && started { observer.execed(execing, formerTID: formerTID) }
        return execing
    }

    private func ended(_ task: TracedTask, status: Int32) {
        let process = task.process
        if task.inCall && task.process.followed && started {
            task.inCall = false
            observer.unfinished(task)
        }
        if task.tid == process.pid {
            process.exitStatus = Self.exitCode(status)
            process.signal = (status & 0x7F) == 0 ? nil : status & 0x7F
            if task.tid == root {
                outcome.exitStatus = Self.exitCode(status)
                outcome.signal = (status & 0x7F) == 0 ? nil : status & 0x7F
            }
        }
        process.liveTasks -= 1
        if process.liveTasks == 0 && processes[process.pid] === process { processes[process.pid] = nil }
        tasks[task.tid] = nil
        if process.followed && started { observer.gone(task) }
    }

    /// The thread group a task belongs to (`Tgid:` in /proc/TID/status); its own id if unreadable.
    static func threadGroup(of tid: Int32) -> Int32 {
        guard let bytes = try? Syscall.readAll(path: "/proc/\(tid)/status", limit: 8192) else { return tid }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Tgid:") }),
            let value = Int32(line.dropFirst(5).trimmingCharacters(in: " \t"))
        else { return tid }
        return value
    }

    static func exitCode(_ status: Int32) -> Int32 { (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F) }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
