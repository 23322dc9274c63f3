import CShims
import Foundation
import Glibc
import Syscalls

/// A built-in `strace -c` for a demo's window: runs a command (zctour itself, re-executed) as a
/// ptrace tracee, follows the threads and processes it creates, and counts every syscall by
/// name, with its errors, between the demo thread's window markers (`TraceMarker`), so the
/// start-up of the process is never counted. Tracing slows syscalls down many times over: its
/// counts are exact, its timings meaningless.
public enum Tracer {
    /// Calls and errors of one syscall.
    public struct Count: Sendable, Equatable, Codable {
        public var calls = 0
        public var errors = 0

        public init(calls: Int = 0, errors: Int = 0) {
            self.calls = calls
            self.errors = errors
        }
    }

    public struct Result: Sendable {
        /// The thread that marked the window (the demo's own).
        public var demo: [String: Count] = [:]
        /// Every other thread and process of the tracee (a socket's receiver, say).
        public var others: [String: Count] = [:]
        /// The demo thread's first calls in the window, decoded.
        public var lines: [SyscallCall] = []
        /// Whether both markers were seen.
        public var windowSeen = false
        /// What the tracee printed on standard output.
        public var output = Data()
        public var exitStatus: Int32 = 0
    }

    /// Why tracing cannot be done here, in one line.
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// `ZCTOUR_SIMULATE_PTRACE_REFUSAL=1` makes the tracee's PTRACE_TRACEME fail with EPERM, as in
    /// a container without the capability, for the tests and for `doctor`.
    public static var refusalSimulated: Bool { getenv("ZCTOUR_SIMULATE_PTRACE_REFUSAL").map { String(cString: $0) == "1" } ?? false }

    /// Runs `arguments` (argv[0] included) under ptrace; `lines` is how many calls to decode.
    /// The tracee's standard error goes to `errors`. If `stopRequested` says so while it runs
    /// (Ctrl-C, SIGTERM), the tracee is killed and the result is what was counted so far.
    public static func run(
        _ executable: String, arguments: [String], environment: [String: String],
        errors: Int32, lines: Int, stopRequested: () -> Bool
    ) throws -> Result {
        var output: [Int32] = [0, 0]
        do {
            try Syscall.value(.pipe2) { zc_pipe2(&output, O_CLOEXEC) }
        } catch let error as SystemError {
            throw Refused(description: error.description)
        }
        let pid: Int32
        do {
            defer { close(output[1]) }
            pid = try spawn(executable, arguments: arguments, environment: environment, stdout: output[1], stderr: errors)
        } catch {
            close(output[0])
            throw error
        }
        // The tracee's output is read on another thread, so a full pipe can never stall it.
        let reader = PipeReader(fd: output[0])
        let result: Result
        do {
            result = try follow(pid, lines: lines, stopRequested: stopRequested)
        } catch {
            kill(pid, SIGKILL)  // a tracee left stopped would hold the pipe open for ever
            reap(pid)
            reader.finish()
            throw error
        }
        var finished = result
        finished.output = reader.finish()
        return finished
    }

    /// The traced run could not be started for a reason other than ptrace itself.
    public struct StartFailed: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Starts the tracee and waits until its exec is done (the report pipe closes) or it says
    /// why it could not get there; a child that failed is reaped before this throws.
    static func spawn(_ executable: String, arguments: [String], environment: [String: String], stdout: Int32, stderr: Int32) throws
        -> Int32
    {
        var report: [Int32] = [0, 0]
        do {
            try Syscall.value(.pipe2) { zc_pipe2(&report, O_CLOEXEC) }
        } catch let error as SystemError {
            throw StartFailed(description: "cannot start the traced run: \(error)")
        }
        defer { close(report[0]) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let pid: Int32
        do {
            defer {
                close(report[1])  // the child's copy is the one that reports
                for pointer in argv + envp { free(pointer) }
            }
            pid = try Syscall.value(.fork) {
                argv.withUnsafeMutableBufferPointer { a in
                    envp.withUnsafeMutableBufferPointer { e in
                        zc_spawn_traced(executable, a.baseAddress, e.baseAddress, stdout, stderr, refusalSimulated ? 1 : 0, report)
                    }
                }
            }
        } catch let error as SystemError {
            throw StartFailed(description: "cannot start the traced run: \(error)")
        }
        let failure: [UInt8]
        do {
            failure = try Syscall.readAll(report[0], limit: 2 * MemoryLayout<Int32>.size)
        } catch {
            kill(pid, SIGKILL)
            reap(pid)
            throw error
        }
        guard failure.count == 2 * MemoryLayout<Int32>.size else { return pid }  // end of file: the exec succeeded
        reap(pid)
        let (step, code) = failure.withUnsafeBytes { ($0.load(as: Int32.self), $0.load(fromByteOffset: 4, as: Int32.self)) }
        if step == 1 { throw Refused(description: refusalReason(code)) }
        let failed = step == 3 ? SystemError(.execve, errno: code, path: executable) : SystemError(.dup2, errno: code)
        throw StartFailed(description: "cannot start the traced run: \(failed)")
    }

    /// Waits for every task of a tracee that is gone or was just killed.
    static func reap(_ pid: Int32) {
        var status: Int32 = 0
        while (try? Syscall.value(.waitpid) { waitpid(pid, &status, Int32(__WALL)) }) != nil {}
    }

    /// The reason ptrace failed, with what the machine says about it.
    static func refusalReason(_ code: Int32) -> String {
        var reason = "ptrace is not permitted here (\(SystemError(.traceMe, errno: code)))"
        if let scope = try? Syscall.readAll(path: "/proc/sys/kernel/yama/ptrace_scope", limit: 64) {
            let value = String(decoding: scope, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            reason += value == "3" ? "; Yama ptrace_scope is 3, which forbids ptrace entirely" : "; Yama ptrace_scope is \(value)"
        }
        if refusalSimulated { reason += " [simulated by ZCTOUR_SIMULATE_PTRACE_REFUSAL]" }
        return reason + "; the /proc counters above are unaffected"
    }

    /// The tracing loop: every task stops at each syscall entry and exit.
    static func follow(_ pid: Int32, lines: Int, stopRequested: () -> Bool) throws -> Result {
        var result = Result()
        var status: Int32 = 0
        do {
            guard try waitForStop(pid, &status) else {
                throw Refused(description: "the tracee did not stop after exec (wait status \(status))")
            }
            try Syscall.value(.traceOptions) { zc_trace_set_options(pid) }
        } catch let error as SystemError {
            throw Refused(description: "the tracee did not stop after exec: \(error)")
        }
        _ = zc_trace_resume(pid, 0)
        // Each task that marks windows counts inside its own; the others (a helper without
        // markers) count while the demo thread's window is open. The demo runs on the tracee's
        // main thread, whose id is its pid.
        var windows: [Int32: Bool] = [:]
        var pending: [Int32: (call: SyscallCall, counted: Bool, line: Int?)] = [:]
        var known: Set<Int32> = [pid]
        func counting(_ task: Int32) -> Bool { windows[task] ?? windows[pid] ?? false }
        var killed = false
        while true {
            if !killed && stopRequested() {
                kill(pid, SIGKILL)  // its files are in the caller's directory, removed with it
                killed = true
            }
            let task: Int32
            do {
                task = try Syscall.value(.waitpid) { waitpid(-1, &status, Int32(__WALL)) }
            } catch is Interrupted {
                continue  // stopRequested() now says so: the tracee is killed, then reaped here
            } catch {
                break  // ECHILD: every task is gone
            }
            if isExited(status) {
                known.remove(task)
                if task == pid { result.exitStatus = exitCode(status) }
                continue
            }
            let signal = (status >> 8) & 0xFF
            if signal == (SIGTRAP | 0x80) {
                var stop = zc_syscall_stop()
                if zc_trace_stop(task, &stop) == 0 {
                    if stop.op == 1 {
                        let arguments = withUnsafeBytes(of: stop.args) { Array($0.bindMemory(to: UInt64.self)) }
                        let call = SyscallCall(name: SyscallCall.name(number: stop.number, arch: stop.arch), arguments: arguments)
                        if TraceMarker.isBegin(call) || TraceMarker.isEnd(call) {
                            if TraceMarker.isEnd(call) {
                                windows[task] = false
                                if task == pid { result.windowSeen = true }
                            }
                            pending[task] = (call, false, nil)  // a marker is never counted
                        } else {
                            var line: Int?
                            let counted = counting(task)
                            if counted {
                                if task == pid {
                                    result.demo[call.name, default: Count()].calls += 1
                                    if result.lines.count < lines {
                                        line = result.lines.count
                                        result.lines.append(call)
                                    }
                                } else {
                                    result.others[call.name, default: Count()].calls += 1
                                }
                            }
                            pending[task] = (call, counted, line)
                        }
                    } else if stop.op == 2, let entry = pending.removeValue(forKey: task) {
                        if TraceMarker.isBegin(entry.call) { windows[task] = true }  // counting starts after it returns
                        if entry.counted && stop.is_error != 0 {
                            if task == pid {
                                result.demo[entry.call.name, default: Count()].errors += 1
                            } else {
                                result.others[entry.call.name, default: Count()].errors += 1
                            }
                        }
                        if let line = entry.line {
                            result.lines[line].result = stop.result
                            result.lines[line].isError = stop.is_error != 0
                        }
                    }
                }
                _ = zc_trace_resume(task, 0)
            } else if status >> 16 != 0 || (signal == SIGSTOP && !known.contains(task)) {
                // A clone/fork event, or a new task's first stop: let it run on.
                known.insert(task)
                _ = zc_trace_resume(task, 0)
            } else {
                known.insert(task)
                _ = zc_trace_resume(task, signal)  // a real signal: deliver it
            }
        }
        return result
    }

    static func waitForStop(_ pid: Int32, _ status: inout Int32) throws -> Bool {
        while true {
            if try Syscall.value(.waitpid, { waitpid(pid, &status, Int32(__WALL)) }) == pid { return (status & 0xFF) == 0x7F }
        }
    }

    /// Exited or killed by a signal: anything but a stop (0x7F in the low byte).
    static func isExited(_ status: Int32) -> Bool { (status & 0x7F) != 0x7F }

    static func exitCode(_ status: Int32) -> Int32 { (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F) }
}
