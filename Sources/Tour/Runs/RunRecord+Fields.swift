import Probe

extension RunRecord {
    public enum FieldValue: Equatable {
        case value(Int)
        case unavailable(String)
        case unknown
    }

    public static let fieldNames = [
        "syscr", "syscw", "rchar", "wchar", "read_bytes", "write_bytes", "minflt", "majflt",
        "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches", "allocations", "allocated_bytes",
        "bytes", "size", "buffer", "calls", "wall_ns", "copied_bytes", "peer_syscr", "peer_syscw", "peer_rchar",
        "STEP.allocations", "STEP.allocated_bytes", "STEP.shared",
        "syscalls.NAME", "syscalls.NAME.errors", "syscalls.total",
        "zerocopy.notifications", "zerocopy.sends_completed", "zerocopy.sends_copied",
        "page_cache.pages", "page_cache.resident_before", "page_cache.resident_after",
        "raw.syscr", "raw.syscw", "raw.rchar", "raw.wchar",
    ]

    /// A field by the name a lesson's check uses. An io counter that cannot see the technique
    /// (`counters_blind`: splice, MSG_ZEROCOPY's send) is unavailable, not 0, so a goal such as
    /// "fewer than 10 write-type syscalls" cannot be met by a count that sees nothing;
    /// `raw.syscr` (and syscw, rchar, wchar) is what /proc said all the same, for the lessons that
    /// show the blind spot itself.
    public func field(_ name: String) -> FieldValue {
        if name.hasPrefix("raw."), ["syscr", "syscw", "rchar", "wchar"].contains(name.dropFirst(4)) {
            return rawField(String(name.dropFirst(4)))
        }
        if let blind = countersBlind, blind.counters.contains(name) {
            return .unavailable("unseen: \(blind.reason)")
        }
        return rawField(name)
    }

    private func rawField(_ name: String) -> FieldValue {
        func io(_ value: Int?) -> FieldValue {
            value.map(FieldValue.value) ?? .unavailable(countersUnavailable ?? "the /proc counters are unavailable")
        }
        func peerIO(_ value: Int?) -> FieldValue {
            guard peer != nil else { return .unknown }
            return value.map(FieldValue.value) ?? .unavailable(countersUnavailable ?? "the /proc counters are unavailable")
        }
        switch name {
        case "syscr": return io(counters.syscr)
        case "syscw": return io(counters.syscw)
        case "rchar": return io(counters.rchar)
        case "wchar": return io(counters.wchar)
        case "read_bytes": return io(counters.readBytes)
        case "write_bytes": return io(counters.writeBytes)
        case "minflt": return .value(counters.minflt)
        case "majflt": return .value(counters.majflt)
        case "voluntary_ctxt_switches": return .value(counters.voluntarySwitches)
        case "nonvoluntary_ctxt_switches": return .value(counters.nonvoluntarySwitches)
        case "allocations": return .value(allocations.count)
        case "allocated_bytes": return .value(allocations.bytes)
        case "bytes": return .value(bytes)
        case "size": return .value(size)
        case "buffer": return .value(buffer)
        case "calls": return .value(calls)
        case "wall_ns": return .value(wallNanoseconds)
        case "copied_bytes": return copiedBytes.map(FieldValue.value) ?? .unknown
        case "peer_syscr": return peerIO(peer?.syscr)
        case "peer_syscw": return peerIO(peer?.syscw)
        case "peer_rchar": return peerIO(peer?.rchar)
        case "zerocopy.notifications", "zerocopy.sends_completed", "zerocopy.sends_copied":
            guard let zerocopy else { return .unavailable("only msg-zerocopy reads zerocopy completions") }
            switch name {
            case "zerocopy.notifications": return .value(zerocopy.notifications)
            case "zerocopy.sends_completed": return .value(zerocopy.sendsCompleted)
            default: return .value(zerocopy.sendsCopied)
            }
        case "page_cache.pages", "page_cache.resident_before", "page_cache.resident_after":
            guard let pageCache else { return .unavailable("the run was not --cold") }
            switch name {
            case "page_cache.pages": return .value(pageCache.pages)
            case "page_cache.resident_before": return .value(pageCache.residentBefore)
            default: return .value(pageCache.residentAfter)
            }
        case _ where name.hasPrefix("syscalls."):
            // syscalls.NAME (calls), syscalls.NAME.errors, syscalls.total: from --trace.
            guard let syscalls else { return .unavailable(traceUnavailable ?? "the run was not traced (add --trace)") }
            let parts = name.split(separator: ".").dropFirst().map(String.init)
            if parts == ["total"] { return .value(syscalls.values.reduce(0) { $0 + $1.calls }) }
            guard let call = parts.first else { return .unknown }
            let count = syscalls[call] ?? Tracer.Count()
            switch parts.dropFirst().first {
            case nil: return .value(count.calls)
            case "errors": return .value(count.errors)
            default: return .unknown
            }
        default:
            let parts = name.split(separator: ".")
            guard parts.count == 2, let step = steps?.first(where: { $0.id == parts[0] }) else { return .unknown }
            switch parts[1] {
            case "allocations": return .value(step.allocations)
            case "allocated_bytes": return .value(step.allocatedBytes)
            case "shared": return .value(step.shared ? 1 : 0)
            case "bytes": return .value(step.bytes)
            default: return .unknown
            }
        }
    }
}
