import Syscalls

/// What the inspector keeps for one process: its tasks (alive and gone), the descriptors it
/// was seen with, the kernel copies between them, its file mappings, and with `--every-call`
/// the bytes through each descriptor, looked up by number through a cache that its
/// descriptor calls (close, dup2, exec...) keep current.
final class ProcessAccount {
    let pid: Int32
    /// The engine's record: its parent may be learnt after the process was first seen.
    let traced: TracedProcess
    var name = ""
    var executables: [String] = []
    var exitStatus: Int32?
    var signal: Int32?
    var tasks: [TaskAccount] = []
    /// Tasks stopped at their exit stop and not yet reaped.
    var exitStops = 0
    var unfinished: [String: Int] = [:]
    var execveOwn = IOCounters()
    var predicted = IOCounters()
    var kernelCopiesCounted = IOCounters()
    /// The launcher's exec is not the command's: its first successful execve starts the list.
    var launcher = false
    var zerocopySends = 0
    var ioUringSetups = 0
    var ioUringEnters = 0
    private var descriptors: [Inspection.SeenDescriptor] = []
    private var copies: [Inspection.KernelCopy] = []
    private var mappings: [Inspection.Mapping] = []
    private var userSpace: [Inspection.UserSpaceBytes] = []
    /// Descriptor number → index in `userSpace`, for the numbers seen since they were opened.
    private var cache: [Int32: Int] = [:]

    init(_ traced: TracedProcess) {
        self.traced = traced
        pid = traced.pid
    }

    /// Its name (comm) and executable, as /proc says now; an exec adds the new executable.
    func readNames(_ tid: Int32, exec: Bool) {
        if exec && launcher {
            launcher = false
            executables.removeAll()
        }
        if let bytes = try? Syscall.readAll(path: "/proc/\(tid)/comm", limit: 256) {
            name = String(decoding: bytes, as: UTF8.self).trimmingNewline
        }
        if let executable = Descriptor.readLink("/proc/\(tid)/exe"), exec || executables.isEmpty {
            if executables.last != executable || exec { executables.append(executable) }
        }
    }

    /// A descriptor seen again (a pipe's other end, a socket once connected: the same inode)
    /// is one entry, with its latest description.
    func saw(_ descriptor: Descriptor, fd: Int32, how: String) {
        let same = { (seen: Inspection.SeenDescriptor) in
            seen.descriptor.what == descriptor.what || (descriptor.inode != nil && seen.descriptor.inode == descriptor.inode)
        }
        if let index = descriptors.firstIndex(where: same) {
            if !descriptors[index].fds.contains(fd) { descriptors[index].fds.append(fd) }
            if descriptors[index].descriptor.kind != .file { descriptors[index].descriptor = descriptor }
            return
        }
        descriptors.append(Inspection.SeenDescriptor(descriptor: descriptor, fds: [fd], how: how))
    }

    /// A descriptor a call made (open, socket, dup, pipe) or gave a new meaning (connect).
    func opened(_ fd: Int32, _ descriptor: Descriptor, how: String) {
        forget(fd)
        if descriptor.kind != .unknown { saw(descriptor, fd: fd, how: how) }
    }

    func forget(_ fd: Int32) { cache[fd] = nil }

    func forget(from first: Int32, to last: Int64) {
        for fd in cache.keys where Int64(fd) >= Int64(first) && Int64(fd) <= last { cache[fd] = nil }
    }

    func forgetAll() { cache.removeAll() }

    func copied(_ call: String, from: Descriptor, to: Descriptor, bytes: Int, isError: Bool) {
        if let index = copies.firstIndex(where: { $0.call == call && $0.from.what == from.what && $0.to.what == to.what }) {
            copies[index].calls += 1
            copies[index].bytes += bytes
            if isError { copies[index].errors += 1 }
            return
        }
        copies.append(Inspection.KernelCopy(call: call, from: from, to: to, calls: 1, errors: isError ? 1 : 0, bytes: bytes))
    }

    func mapped(_ file: Descriptor, bytes: Int) {
        if let index = mappings.firstIndex(where: { $0.descriptor.what == file.what }) {
            mappings[index].calls += 1
            mappings[index].bytes += bytes
            return
        }
        mappings.append(Inspection.Mapping(descriptor: file, calls: 1, bytes: bytes))
    }

    /// `--every-call`: the result of a plain read or write on `fd`; `describe` is asked only
    /// the first time a number is seen since it was (re)opened.
    func moved(_ bytes: Int, through fd: Int32, reading: Bool, describe: () -> Descriptor) {
        let index: Int
        if let known = cache[fd] {
            index = known
        } else {
            let descriptor = describe()
            if let existing = userSpace.firstIndex(where: { $0.descriptor.what == descriptor.what }) {
                index = existing
            } else {
                index = userSpace.count
                userSpace.append(
                    Inspection.UserSpaceBytes(descriptor: descriptor, readBytes: 0, readCalls: 0, writtenBytes: 0, writeCalls: 0))
            }
            cache[fd] = index
        }
        if reading {
            userSpace[index].readBytes += bytes
            userSpace[index].readCalls += 1
        } else {
            userSpace[index].writtenBytes += bytes
            userSpace[index].writeCalls += 1
        }
    }

    func result(threadsApart: Bool, everyCall: Bool) -> Inspection.Process {
        let counts = tasks.reduce(SyscallCounts()) { $0 + $1.counts }
        let measured = tasks.filter { $0.io != nil }
        let totals = measured.isEmpty ? nil : measured.reduce(IOCounters()) { $0 + ($1.io ?? IOCounters()) }
        return Inspection.Process(
            pid: pid, parent: traced.parent, name: name, executables: executables, exitStatus: traced.exitStatus ?? exitStatus,
            signal: traced.signal ?? signal,
            tasks: tasks.count, tasksMeasured: measured.count, syscalls: counts.named, unfinished: unfinished,
            threads: threadsApart
                ? tasks.map { Inspection.Thread(tid: $0.tid, syscalls: $0.counts.named, kernelTotals: $0.io) } : nil,
            kernelTotals: totals, execveOwn: execveOwn, kernelCopiesCounted: kernelCopiesCounted,
            predictedTotals: everyCall ? predicted : nil,
            minflt: tasks.reduce(0) { $0 + $1.minflt }, majflt: tasks.reduce(0) { $0 + $1.majflt },
            descriptors: descriptors, kernelCopies: copies, userSpace: everyCall ? userSpace : nil, mappings: mappings,
            zerocopySends: zerocopySends, ioUringSetups: ioUringSetups, ioUringEnters: ioUringEnters)
    }
}

extension String {
    fileprivate var trimmingNewline: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
