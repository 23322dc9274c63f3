import CShims

/// Calls and errors by native syscall number, plus one slot for calls of another ABI (i386
/// through int $0x80, x32), which are counted but not named. An array, not a dictionary of
/// names: `--every-call` adds to it at every stop.
struct SyscallCounts {
    private(set) var calls: [Int]
    private(set) var errors: [Int]

    static let otherSlot = SyscallKind.byNumber.count
    static let otherName = "(i386/x32 calls)"

    init() {
        calls = Array(repeating: 0, count: SyscallCounts.otherSlot + 1)
        errors = calls
    }

    static func slot(of task: TracedTask) -> Int {
        task.isNative && task.number < UInt64(otherSlot) ? Int(task.number) : otherSlot
    }

    static func name(ofSlot slot: Int) -> String {
        slot == otherSlot ? otherName : SyscallCall.name(number: UInt64(slot), arch: zc_native_audit_arch)
    }

    mutating func count(_ slot: Int, isError: Bool) {
        calls[slot] += 1
        if isError { errors[slot] += 1 }
    }

    /// The calls made, by name.
    var named: [String: Tracer.Count] {
        var table: [String: Tracer.Count] = [:]
        for slot in calls.indices where calls[slot] > 0 {
            table[SyscallCounts.name(ofSlot: slot), default: Tracer.Count()].calls += calls[slot]
            table[SyscallCounts.name(ofSlot: slot), default: Tracer.Count()].errors += errors[slot]
        }
        return table
    }

    static func + (a: SyscallCounts, b: SyscallCounts) -> SyscallCounts {
        var sum = a
        for slot in sum.calls.indices {
            sum.calls[slot] += b.calls[slot]
            sum.errors[slot] += b.errors[slot]
        }
        return sum
    }
}
