import Syscalls

/// One task's own kernel counters, read by its tracer: /proc/TID/task/TID/io and the fault
/// counts of /proc/TID/task/TID/stat. Only the per-task files are the task's alone: /proc/TID/io
/// of a thread is its whole process's, and /proc/PID/io adds dead threads and reaped children
/// (fs/proc/base.c, do_io_accounting; kernel/exit.c, wait_task_zombie). Read at the task's
/// PTRACE_EVENT_EXIT stop, before it is reaped, they are its final totals, exact and free.
struct TaskCounters {
    var io: IOCounters
    var minflt: Int
    var majflt: Int

    static func io(of tid: Int32) -> IOCounters? {
        guard let bytes = try? Syscall.readAll(path: "/proc/\(tid)/task/\(tid)/io", limit: 4096) else { return nil }
        return bytes.withUnsafeBytes { IOCounters.parse($0) }
    }

    /// minflt and majflt: fields 10 and 12 of stat, counted after the `(comm)` field, which may
    /// hold spaces and parentheses itself.
    static func faults(of tid: Int32) -> (minflt: Int, majflt: Int)? {
        guard let bytes = try? Syscall.readAll(path: "/proc/\(tid)/task/\(tid)/stat", limit: 4096),
            let close = bytes.lastIndex(of: UInt8(ascii: ")"))
        else { return nil }
        let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " "))
        guard fields.count > 9, let minflt = Int(String(decoding: fields[fields.startIndex + 7], as: UTF8.self)),
            let majflt = Int(String(decoding: fields[fields.startIndex + 9], as: UTF8.self))
        else { return nil }
        return (minflt, majflt)
    }

    static func read(_ tid: Int32) -> TaskCounters? {
        guard let io = io(of: tid) else { return nil }
        let faults = faults(of: tid) ?? (0, 0)
        return TaskCounters(io: io, minflt: faults.minflt, majflt: faults.majflt)
    }
}

extension IOCounters {
    static func + (a: IOCounters, b: IOCounters) -> IOCounters {
        IOCounters(
            rchar: a.rchar + b.rchar, wchar: a.wchar + b.wchar, syscr: a.syscr + b.syscr,
            syscw: a.syscw + b.syscw, readBytes: a.readBytes + b.readBytes, writeBytes: a.writeBytes + b.writeBytes)
    }
}
