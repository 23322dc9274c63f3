import Probe
import ZeroCopy

/// One run of a built-in peer case, kept in the context for a lesson's `expect` lines, which
/// name it by the case's id (`expect cp.syscalls.copy_file_range == 2`). A case whose program
/// is missing (or where ptrace is refused) is a run all the same, whose every field is
/// unavailable with the reason, so its checks count as unavailable, never as failed.
public struct PeerRun: Sendable {
    public let id: String
    public let size: Int
    public let inspection: Inspection?
    public let verification: Verification?
    /// Why nothing was measured: "python3 is not installed: skipped".
    public let skipped: String?

    public init(id: String, size: Int, inspection: Inspection?, verification: Verification?, skipped: String?) {
        self.id = id
        self.size = size
        self.inspection = inspection
        self.verification = verification
        self.skipped = skipped
    }

    /// A field by the name a check uses (`PeerField.all` lists them).
    public func field(_ name: String) -> RunRecord.FieldValue {
        guard let (field, word) = PeerField.named(name) else { return .unknown }
        if let skipped { return .unavailable(skipped) }
        guard let inspection else { return .unavailable("not inspected") }
        return field.read(self, inspection, word)
    }
}

/// A field of a peer run, as a check names it (`PEER.FIELD`): the one table that the checks
/// read through and lint accepts, as `CheckField` is for demo runs.
public struct PeerField: Sendable {
    public let name: String
    let read: @Sendable (PeerRun, Inspection, String) -> RunRecord.FieldValue

    var isLiteral: Bool { name == name.lowercased() }

    public static let all: [PeerField] = [
        PeerField(name: "syscalls.total") { _, inspection, _ in
            .value(inspection.processes.reduce(0) { $0 + $1.syscalls.values.reduce(0) { $0 + $1.calls } })
        },
        syscall("syscalls.NAME") { $0.calls },
        syscall("syscalls.NAME.errors") { $0.errors },
        totals("syscr") { $0.ownReadCalls }, totals("syscw") { $0.ownWriteCalls },
        totals("rchar") { process in process.kernelTotals.map { $0.rchar - process.execveOwn.rchar } },
        totals("wchar") { process in process.kernelTotals.map { $0.wchar - process.execveOwn.wchar } },
        PeerField(name: "bytes") { run, _, _ in run.verification.map { .value($0.bytes) } ?? .unavailable("not verified") },
        PeerField(name: "size") { run, _, _ in .value(run.size) },
        PeerField(name: "kernel_bytes") { _, inspection, _ in .value(inspection.bytes.kernel) },
        PeerField(name: "user_read_bytes") { _, inspection, _ in .value(inspection.bytes.read) },
        PeerField(name: "user_written_bytes") { _, inspection, _ in .value(inspection.bytes.written) },
        PeerField(name: "minflt") { _, inspection, _ in .value(inspection.processes.reduce(0) { $0 + $1.minflt }) },
        PeerField(name: "majflt") { _, inspection, _ in .value(inspection.processes.reduce(0) { $0 + $1.majflt }) },
        PeerField(name: "processes") { _, inspection, _ in .value(inspection.processes.count) },
        PeerField(name: "exit_status") { _, inspection, _ in .value(Int(inspection.exitStatus)) },
    ]

    public static var names: [String] { all.map(\.name) }

    /// Literal names first, so that `syscalls.total` is not the syscall called "total".
    static func named(_ text: String) -> (field: PeerField, word: String)? {
        if let field = all.first(where: { $0.isLiteral && $0.name == text }) { return (field, "") }
        for field in all where !field.isLiteral {
            let pattern = field.name.split(separator: ".", omittingEmptySubsequences: false)
            let words = text.split(separator: ".", omittingEmptySubsequences: false)
            guard pattern.count == words.count else { continue }
            var placeholder: String?
            var matches = true
            for (part, word) in zip(pattern, words) {
                if part == part.uppercased() {
                    if word.isEmpty { matches = false }
                    placeholder = String(word)
                } else if part != word {
                    matches = false
                }
            }
            if matches, let placeholder { return (field, placeholder) }
        }
        return nil
    }

    /// A syscall's count over every process. In the default mode a call the filter does not
    /// stop at was never counted: unavailable, not 0.
    private static func syscall(_ name: String, _ read: @escaping @Sendable (Tracer.Count) -> Int) -> PeerField {
        PeerField(name: name) { _, inspection, call in
            if let stopped = inspection.stoppedCalls {
                guard let entry = stopped.first(where: { $0.name == call }) else {
                    return .unavailable("inspect's default mode does not stop at \(call); inspect --every-call counts it")
                }
                if let condition = entry.condition {
                    return .unavailable("inspect's default mode stops at \(call) only with \(condition); inspect --every-call counts it")
                }
            }
            var count = Tracer.Count()
            for process in inspection.processes {
                count.calls += process.syscalls[call]?.calls ?? 0
                count.errors += process.syscalls[call]?.errors ?? 0
            }
            return .value(read(count))
        }
    }

    /// The kernel's own read/write totals, less execve's, over every process.
    private static func totals(_ name: String, _ read: @escaping @Sendable (Inspection.Process) -> Int?) -> PeerField {
        PeerField(name: name) { _, inspection, _ in
            var sum = 0
            for process in inspection.processes {
                guard let value = read(process) else {
                    return .unavailable("a process's /proc/TID/task/TID/io could not be read at its exit")
                }
                sum += value
            }
            return .value(sum)
        }
    }
}
