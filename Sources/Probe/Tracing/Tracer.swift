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

    /// Why tracing cannot be done here, in one line. `description` is for `--trace`, whose
    /// /proc counters are shown all the same.
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason + "; the /proc counters above are unaffected" }
    }

    /// `ZCTOUR_SIMULATE_PTRACE_REFUSAL=1` makes PTRACE_SEIZE fail with EPERM, as in a container
    /// without the capability, for the tests and for `doctor`.
    public static var refusalSimulated: Bool { TraceEngine.refusalSimulated }

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
            throw Refused(reason: error.description)
        }
        // The tracee's output is read on another thread, so a full pipe can never stall it.
        let reader: PipeReader
        do {
            reader = try PipeReader(fd: output[0])
        } catch {
            close(output[0])
            close(output[1])
            throw error
        }
        let counter = WindowCounter(lines: lines)
        let engine = TraceEngine(mode: .everyCall, observer: counter)
        let outcome: TraceEngine.Outcome
        do {
            defer { close(output[1]) }
            outcome = try engine.run(
                executable, arguments: arguments, environment: environment.map { "\($0.key)=\($0.value)" },
                output: output[1], errors: errors, stopRequested: stopRequested)
        } catch {
            reader.finish()
            throw error
        }
        var result = counter.result
        result.output = reader.finish()
        if let failure = outcome.startFailure {
            throw StartFailed(description: "cannot start the traced run: \(startFailure(failure, path: executable))")
        }
        result.exitStatus = outcome.exitStatus
        return result
    }

    /// The traced run could not be started for a reason other than ptrace itself.
    public struct StartFailed: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// What the child's report says failed before or at its exec.
    static func startFailure(_ failure: (step: Int32, errno: Int32), path: String) -> SystemError {
        switch failure.step {
        case 1: SystemError(.dup2, errno: failure.errno)
        case 2: SystemError(.seccompFilter, errno: failure.errno)
        default: SystemError(.execve, errno: failure.errno, path: path)
        }
    }

    /// The reason ptrace failed, with what the machine says about it.
    static func refusalReason(_ code: Int32) -> String {
        var reason = "ptrace is not permitted here (\(SystemError(.traceSeize, errno: code)))"
        if let scope = try? Syscall.readAll(path: "/proc/sys/kernel/yama/ptrace_scope", limit: 64) {
            let value = String(decoding: scope, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            reason += value == "3" ? "; Yama ptrace_scope is 3, which forbids ptrace entirely" : "; Yama ptrace_scope is \(value)"
        }
        if refusalSimulated { reason += " [simulated by ZCTOUR_SIMULATE_PTRACE_REFUSAL]" }
        return reason
    }
}
