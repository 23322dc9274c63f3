import Probe
import ZeroCopy

/// A field of a run that a check (`expect` in a lesson, `check:` in a challenge) names as
/// `DEMO.FIELD`. `CheckField.all` is the one table of them: `RunRecord.field(_:)` reads values
/// through it, lint accepts what it matches and suggests its literal names, and the error for
/// an unknown field prints its names, so that none of them can accept or list a field the
/// others do not know.
public struct CheckField: Sendable {
    /// The name as a lesson writes it. A part in capitals is a placeholder for one word: STEP a
    /// step of the cow demo, NAME a syscall.
    public let name: String
    /// Which demos' runs can have the field, when not every run can (only a demo that runs
    /// steps, cow, has steps); lint refuses it for the others, unless the check names `last`.
    let onlyFor: (@Sendable (Demo) -> Bool)?
    /// Whether a counter that cannot see the technique (`counters_blind`) reads as unavailable.
    /// False only for `raw.*`, which is what /proc said all the same, for lessons that show the
    /// blind spot itself.
    let honoursBlindSpots: Bool
    /// The run's value; the second argument is the word the placeholder stood for ("" for a
    /// literal name).
    let read: @Sendable (RunRecord, String) -> RunRecord.FieldValue

    /// Whether the name is a literal (no placeholder), which lint can suggest as it is.
    public var isLiteral: Bool { name == name.lowercased() }

    /// Every field, in the order the error message lists them.
    public static let all: [CheckField] = [
        io("syscr") { $0.syscr }, io("syscw") { $0.syscw }, io("rchar") { $0.rchar }, io("wchar") { $0.wchar },
        io("read_bytes") { $0.readBytes }, io("write_bytes") { $0.writeBytes },
        value("minflt") { $0.counters.minflt }, value("majflt") { $0.counters.majflt },
        value("voluntary_ctxt_switches") { $0.counters.voluntarySwitches },
        value("nonvoluntary_ctxt_switches") { $0.counters.nonvoluntarySwitches },
        value("allocations") { $0.allocations.count }, value("allocated_bytes") { $0.allocations.bytes },
        value("bytes") { $0.bytes }, value("size") { $0.size }, value("buffer") { $0.buffer }, value("calls") { $0.calls },
        value("wall_ns") { $0.wallNanoseconds },
        literal("block_size") { record in record.blockSize.map(RunRecord.FieldValue.value) ?? .unknown },
        literal("copied_bytes") { record in record.copiedBytes.map(RunRecord.FieldValue.value) ?? .unknown },
        peer("peer_syscr") { $0.syscr }, peer("peer_syscw") { $0.syscw }, peer("peer_rchar") { $0.rchar },
        step("allocations") { $0.allocations }, step("allocated_bytes") { $0.allocatedBytes },
        step("shared") { $0.shared ? 1 : 0 }, step("bytes") { $0.bytes },
        syscalls("syscalls.NAME") { counts, call in (counts[call] ?? Tracer.Count()).calls },
        syscalls("syscalls.NAME.errors") { counts, call in (counts[call] ?? Tracer.Count()).errors },
        syscalls("syscalls.total") { counts, _ in counts.values.reduce(0) { $0 + $1.calls } },
        zerocopy("notifications") { $0.notifications }, zerocopy("sends_completed") { $0.sendsCompleted },
        zerocopy("sends_copied") { $0.sendsCopied },
        literal("queue") { record in record.queue.map(RunRecord.FieldValue.value) ?? .unavailable(noRing) },
        ring("enters") { $0.enters }, ring("submitted") { $0.submitted }, ring("completed") { $0.completed },
        ring("failed") { $0.failed }, ring("notifications") { $0.notifications }, ring("zc_copied") { $0.zerocopyCopied },
        ringOpcode(),
        pageCache("pages") { $0.pages }, pageCache("resident_before") { $0.residentBefore },
        pageCache("resident_after") { $0.residentAfter },
        raw("syscr") { $0.syscr }, raw("syscw") { $0.syscw }, raw("rchar") { $0.rchar }, raw("wchar") { $0.wchar },
        peer("peer_wchar") { $0.wchar },
        http("status") { $0.status.rawValue }, http("head_bytes") { $0.headBytes }, http("body_bytes") { $0.bodyBytes },
        http("request_reads") { $0.requestReads }, http("request_bytes") { $0.requestBytes }, http("head_writes") { $0.headWrites },
        only("peak_rss_growth", for: \.watchesResidency, missing: "only the mapping demos measure the peak in the window") { record in
            guard let residency = record.residency else { return nil }
            return residency.growthBytes.map(RunRecord.FieldValue.value) ?? .unavailable(residency.unavailable ?? "not measured")
        },
        mappings("added") { $0.after.mappings - $0.before.mappings }, mappings("windows") { $0.windows },
        mappings("address_space_added") { $0.after.addressSpace - $0.before.addressSpace },
        mappings("page_tables_added") { $0.after.pageTables - $0.before.pageTables },
        space("freed_at_unlink") { $0.freedAtUnlink }, space("freed_at_munmap") { $0.freedAtUnmap },
        space("inode_gone_at_unlink") { $0.inodeGoneAtUnlink ? 1 : 0 }, space("inode_gone_at_munmap") { $0.inodeGoneAtUnmap ? 1 : 0 },
    ]

    /// The names, for the error message and for completing a field.
    public static var names: [String] { all.map(\.name) }

    /// The field `text` names and the placeholder's word: literal names first, so that
    /// `syscalls.total` is not the syscall called "total" and `page_cache.pages` not a step.
    public static func named(_ text: String) -> (field: CheckField, word: String)? {
        if let field = all.first(where: { $0.isLiteral && $0.name == text }) { return (field, "") }
        for field in all where !field.isLiteral {
            if let word = field.placeholderWord(in: text) { return (field, word) }
        }
        return nil
    }

    /// The word standing where the name's placeholder is, when `text` has the name's shape.
    func placeholderWord(in text: String) -> String? {
        let pattern = name.split(separator: ".", omittingEmptySubsequences: false)
        let words = text.split(separator: ".", omittingEmptySubsequences: false)
        guard pattern.count == words.count else { return nil }
        var placeholder: String?
        for (part, word) in zip(pattern, words) {
            if part == part.uppercased() {
                guard !word.isEmpty else { return nil }
                placeholder = String(word)
            } else if part != word {
                return nil
            }
        }
        return placeholder
    }
}

extension CheckField {
    private static let noProc = "the /proc counters are unavailable"

    private static func literal(_ name: String, _ read: @escaping @Sendable (RunRecord) -> RunRecord.FieldValue) -> CheckField {
        CheckField(name: name, onlyFor: nil, honoursBlindSpots: true) { record, _ in read(record) }
    }

    /// A value every run has.
    private static func value(_ name: String, _ read: @escaping @Sendable (RunRecord) -> Int) -> CheckField {
        literal(name) { .value(read($0)) }
    }

    /// A /proc io counter of the demo's thread: unavailable, with the reason, without /proc.
    private static func io(_ name: String, _ read: @escaping @Sendable (RunRecord.Counters) -> Int?) -> CheckField {
        literal(name) { record in
            read(record.counters).map(RunRecord.FieldValue.value) ?? .unavailable(record.countersUnavailable ?? noProc)
        }
    }

    /// The same counter as /proc gave it, seen by the technique or not.
    private static func raw(_ counter: String, _ read: @escaping @Sendable (RunRecord.Counters) -> Int?) -> CheckField {
        let field = io(counter, read)
        return CheckField(name: "raw." + counter, onlyFor: nil, honoursBlindSpots: false, read: field.read)
    }

    /// An io counter of the receiving thread, for the runs that have one (a socket sink).
    private static func peer(_ name: String, _ read: @escaping @Sendable (RunRecord.Counters) -> Int?) -> CheckField {
        literal(name) { record in
            guard let peer = record.peer else { return .unknown }
            return read(peer).map(RunRecord.FieldValue.value) ?? .unavailable(record.countersUnavailable ?? noProc)
        }
    }

    /// STEP.FIELD: a step of a demo that runs steps (cow), by its id.
    private static func step(_ field: String, _ read: @escaping @Sendable (RunRecord.Step) -> Int) -> CheckField {
        CheckField(
            name: "STEP." + field, onlyFor: { demo in demo.runsSteps }, honoursBlindSpots: true,
            read: { record, id in
                guard let step = record.steps?.first(where: { $0.id == id }) else { return .unknown }
                return .value(read(step))
            })
    }

    /// From --trace: the demo thread's syscalls by name, and the call NAME stands for.
    private static func syscalls(
        _ name: String, _ read: @escaping @Sendable ([String: Tracer.Count], String) -> Int
    ) -> CheckField {
        CheckField(name: name, onlyFor: nil, honoursBlindSpots: true) { record, call in
            guard let syscalls = record.syscalls else {
                return .unavailable(record.traceUnavailable ?? "the run was not traced (add --trace)")
            }
            return .value(read(syscalls, call))
        }
    }

    /// A field only some demos' runs have: lint refuses it for the others, and a run without it
    /// reads as unavailable, with why.
    private static func only(
        _ name: String, for demos: @escaping @Sendable (Demo) -> Bool, missing: String,
        _ read: @escaping @Sendable (RunRecord) -> RunRecord.FieldValue?
    ) -> CheckField {
        CheckField(name: name, onlyFor: demos, honoursBlindSpots: true) { record, _ in read(record) ?? .unavailable(missing) }
    }

    /// What a download's server did: the exchange of the http-* demos.
    private static func http(_ field: String, _ read: @escaping @Sendable (Exchange) -> Int) -> CheckField {
        only("http." + field, for: \.serves, missing: "only the download demos (http-*) serve HTTP") { record in
            record.http.map { .value(read($0.exchange)) }
        }
    }

    /// The process's mappings before and after the loop of mmap-window, mmap-leak and mmap-defer.
    private static func mappings(_ field: String, _ read: @escaping @Sendable (MappingGrowth) -> Int) -> CheckField {
        only("mappings." + field, for: \.countsMappings, missing: "only mmap-window, mmap-leak and mmap-defer count mappings") { record in
            record.mappings.map { .value(read($0)) }
        }
    }

    /// The free space around a deleted, mapped file's unlink and munmap (mmap-unlinked).
    private static func space(_ field: String, _ read: @escaping @Sendable (HeldSpace) -> Int) -> CheckField {
        only("space." + field, for: \.holdsDeletedFile, missing: "only mmap-unlinked deletes a mapped file") { record in
            record.space.map { .value(read($0)) }
        }
    }

    /// MSG_ZEROCOPY's completion notifications.
    private static func zerocopy(_ field: String, _ read: @escaping @Sendable (MsgZerocopy.Completions) -> Int) -> CheckField {
        literal("zerocopy." + field) { record in
            guard let zerocopy = record.zerocopy else { return .unavailable("only msg-zerocopy reads zerocopy completions") }
            return .value(read(zerocopy))
        }
    }

    private static let noRing = "only the io_uring demos (uring-*) run a ring"

    /// What went through an io_uring demo's ring, from its completions; nil where the demo has
    /// no such count (notifications without SEND_ZC).
    private static func ring(_ field: String, _ read: @escaping @Sendable (RingOperations) -> Int?) -> CheckField {
        literal("ring." + field) { record in
            guard let ring = record.ring else { return .unavailable(noRing) }
            return read(ring).map(RunRecord.FieldValue.value) ?? .unavailable("only uring-send-zc has SEND_ZC notifications")
        }
    }

    /// ring.OPCODE: the operations of one opcode submitted (READ, WRITE_FIXED, SPLICE, SEND_ZC); 0
    /// for one the demo does not use; a name the ring demos never use is no field at all.
    private static func ringOpcode() -> CheckField {
        CheckField(name: "ring.OPCODE", onlyFor: nil, honoursBlindSpots: true) { record, opcode in
            guard RingOperations.opcodeNames.contains(opcode.uppercased()) else { return .unknown }
            guard let ring = record.ring else { return .unavailable(noRing) }
            return .value(ring.submitted(opcode) ?? 0)
        }
    }

    /// What --cold found in the page cache.
    private static func pageCache(_ field: String, _ read: @escaping @Sendable (RunRecord.PageCache) -> Int) -> CheckField {
        literal("page_cache." + field) { record in
            guard let pageCache = record.pageCache else { return .unavailable("the run was not --cold") }
            return .value(read(pageCache))
        }
    }
}
