/// What `--trace` counts: every syscall by name, with its errors, between the demo thread's
/// window markers (`TraceMarker`); every other thread and process (a socket's receiver) while
/// the demo's window is open. The demo runs on the traced zctour's main thread, whose id is its
/// pid. Calls are counted at their entry, errors at their exit.
final class WindowCounter: TraceObserver {
    private let lines: Int
    private(set) var result = Tracer.Result()
    private var windows: [Int32: Bool] = [:]
    private var pending: [Int32: (call: SyscallCall, counted: Bool, line: Int?)] = [:]
    private var demoThread: Int32?

    init(lines: Int) { self.lines = lines }

    private func counting(_ tid: Int32) -> Bool {
        windows[tid] ?? demoThread.flatMap { windows[$0] } ?? false
    }

    func entered(_ task: TracedTask) {
        if demoThread == nil { demoThread = task.process.pid }
        let call = SyscallCall(name: SyscallCall.name(number: task.number, arch: task.arch), arguments: task.allArguments)
        if TraceMarker.isBegin(call) || TraceMarker.isEnd(call) {
            if TraceMarker.isEnd(call) {
                windows[task.tid] = false
                if task.tid == demoThread { result.windowSeen = true }
            }
            pending[task.tid] = (call, false, nil)  // a marker is never counted
            return
        }
        var line: Int?
        let counted = counting(task.tid)
        if counted {
            if task.tid == demoThread {
                result.demo[call.name, default: Tracer.Count()].calls += 1
                if result.lines.count < lines {
                    line = result.lines.count
                    result.lines.append(call)
                }
            } else {
                result.others[call.name, default: Tracer.Count()].calls += 1
            }
        }
        pending[task.tid] = (call, counted, line)
    }

    func returned(_ task: TracedTask, result value: Int64, isError: Bool) {
        guard let entry = pending.removeValue(forKey: task.tid) else { return }
        if TraceMarker.isBegin(entry.call) { windows[task.tid] = true }  // counting starts after it returns
        if entry.counted && isError {
            if task.tid == demoThread {
                result.demo[entry.call.name, default: Tracer.Count()].errors += 1
            } else {
                result.others[entry.call.name, default: Tracer.Count()].errors += 1
            }
        }
        if let line = entry.line {
            result.lines[line].result = value
            result.lines[line].isError = isError
        }
    }

    func unfinished(_ task: TracedTask) { pending[task.tid] = nil }
    func appeared(_ task: TracedTask) {}
    func exiting(_ task: TracedTask) {}
    func execed(_ task: TracedTask, formerTID: Int32) {}
    func gone(_ task: TracedTask) { pending[task.tid] = nil }
}
