/// Notes keyed to what a run measured: where a number would surprise someone who has read
/// only the blog posts (a bigger buffer with more page faults, 31 faults for 4,096 pages, a
/// string larger than its bytes), one sentence says why, from the run's own numbers. Each
/// note appears only when its condition holds on the numbers printed above it, and says
/// nothing about them that they do not show; the lessons' Sources list the kernel and
/// library files behind the explanations.
public enum MeasurementNotes {
    static let page = 4096
    /// glibc's initial M_MMAP_THRESHOLD (mallopt(3)): larger blocks get a mapping of their own.
    static let mmapThreshold = 128 << 10
    /// mm/memory.c's default fault_around_bytes.
    static let faultAround = 64 << 10
    /// The sample is written 1 MiB at a time (SampleFile), so its page cache folios are this big.
    static let sampleFolio = 1 << 20

    /// Notes for one run, under its counters.
    public static func run(_ record: RunRecord) -> [String] {
        [freshBuffer(record), mappingFaults([record]), pageRounded(record), directWaits(record)].compactMap { $0 }
            + stringDecoding(record)
    }

    /// Whether the first run was slower than the second: in a comparison, only when its rounds
    /// say so clearly (`Comparison.speed`), so that no note calls a difference the table does not.
    public typealias Slower = (_ row: RunRecord, _ than: RunRecord) -> Bool

    /// Notes for the rows of one table (`compare`), under it.
    public static func rows(_ records: [RunRecord], slower: Slower? = nil) -> [String] {
        let slower = slower ?? shownSlower
        var notes: [String] = []
        let reuse = reuseAgainstAllocation(records)
        if let reuse { notes.append(reuse) }
        for record in records where reuse == nil || record.demo != "read-write" {
            if let note = freshBuffer(record, among: records, slower: slower) { notes.append(note) }
        }
        // Rows with the same faults on the same sample say it once.
        let mapped = records.filter { mapsTheFile($0) }
        for key in uniqued(mapped.map { "\(faultCount($0)) \($0.size)" }) {
            if let note = mappingFaults(mapped.filter { "\(faultCount($0)) \($0.size)" == key }) { notes.append(note) }
        }
        if let pieces = copyAgainstSlice(records, slower: slower) { notes.append(pieces) }
        if let receiver = receiverPace(records) { notes.append(receiver) }
        return notes
    }

    /// Why the rows of a sweep that fell below the knee's share did: their buffers' first-touch
    /// faults where those are what the row shows, else noise is the explanation left.
    static func fallen(_ records: [RunRecord]) -> String {
        let names = records.map { ByteSize.format($0.buffer) }.joined(separator: ", ")
        let more = "--rounds \(RoundPlan.more(than: records.first?.rounds ?? 1)) tells"
        let faulted = records.filter(isFreshBuffer)
        guard !faulted.isEmpty else {
            return "\(names) fell below that again, with no page faults of their buffers to explain it: noise on a busy "
                + "machine? (\(more))"
        }
        let one = faulted.count == 1
        let sizes = faulted.map { ByteSize.format($0.buffer) }.joined(separator: ", ")
        var text =
            "\(names) fell below that again; "
            + (one ? "the \(sizes) buffer was" : "the buffers of \(sizes) were")
            + " new memory in each run (\(faulted.map { NumberFormat.count($0.counters.minflt) }.joined(separator: ", ")) "
            + "page faults, minflt: one per 4 KiB page touched for the first time), part of \(one ? "its" : "their") cost, "
            + "and one a buffer kept across runs pays once"
        let others = records.filter { !isFreshBuffer($0) }
        if !others.isEmpty {
            text += "; \(others.map { ByteSize.format($0.buffer) }.joined(separator: ", ")) had no such faults: noise? (\(more))"
        }
        return text
    }

    // MARK: Buffers

    /// A loop whose one buffer is large enough for glibc to map it on its own, and whose faults
    /// are at least that buffer's pages: the buffer was fresh memory in this run.
    static func isFreshBuffer(_ record: RunRecord) -> Bool {
        record.demo == "read-write" && record.buffer >= mmapThreshold && record.counters.minflt >= record.buffer / page
    }

    /// Without rounds: by the runs' own throughput.
    static func shownSlower(_ row: RunRecord, than other: RunRecord) -> Bool { CompareView.rate(row) < CompareView.rate(other) }

    static func freshBuffer(_ record: RunRecord, among rows: [RunRecord] = [], slower: Slower = shownSlower) -> String? {
        guard isFreshBuffer(record) else { return nil }
        let pages = record.buffer / page
        var text =
            "\(record.label): \(NumberFormat.count(record.counters.minflt)) page faults, about one per page of its "
            + "\(ByteSize.format(record.buffer)) buffer (\(NumberFormat.count(pages)) pages): glibc gives a block this large "
            + "a mapping of its own (M_MMAP_THRESHOLD, mallopt(3)), so the buffer was new memory and each page faulted "
            + "when first touched"
        // The surprise the fault explains: a bigger buffer of the same demo that ran slower.
        let smaller = rows.filter { $0.demo == record.demo && $0.buffer < record.buffer && slower(record, $0) }
        if let faster = smaller.max(by: { CompareView.rate($0) < CompareView.rate($1) }) {
            text +=
                "; those faults are part of why it was slower than \(faster.label) "
                + "(\(NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds)) against "
                + "\(NumberFormat.throughput(bytes: faster.bytes, nanoseconds: faster.wallNanoseconds)))"
        }
        return text
    }

    /// Lesson 2's surprise: the reusing loop took more faults than the allocating one.
    static func reuseAgainstAllocation(_ records: [RunRecord]) -> String? {
        guard let reuse = records.first(where: { $0.demo == "read-write" }),
            let alloc = records.first(where: { $0.demo == "read-write-alloc" && $0.buffer == reuse.buffer && $0.size == reuse.size }),
            isFreshBuffer(reuse), alloc.counters.minflt < reuse.counters.minflt / 2
        else { return nil }
        let saved = alloc.allocations.count - reuse.allocations.count
        return "read-write's one buffer was new memory in the run shown (\(NumberFormat.count(reuse.counters.minflt)) page faults), "
            + "while read-write-alloc's \(NumberFormat.count(alloc.allocations.count)) buffers took "
            + "\(NumberFormat.count(alloc.counters.minflt)): glibc handed them memory that was touched before (once a large block "
            + "is freed, glibc raises its mmap threshold to that size, mallopt(3)). The allocator's state decided the faults; "
            + "reuse still saved \(NumberFormat.count(saved)) malloc and free pairs"
    }

    // MARK: Mappings

    static func mapsTheFile(_ record: RunRecord) -> Bool { ["mmap", "mmap-copy"].contains(record.demo) }

    static func faultCount(_ record: RunRecord) -> Int { record.counters.minflt + record.counters.majflt }

    /// Fewer faults than pages, and how many: whole large folios, fault-around, or a cold file.
    static func mappingFaults(_ records: [RunRecord]) -> String? {
        guard let first = records.first, records.allSatisfy(mapsTheFile), first.size >= faultAround else { return nil }
        let who = records.map(\.label).joined(separator: ", ")
        let faults = faultCount(first)
        let pages = (first.size + page - 1) / page
        let each = records.count > 1 ? " each" : ""
        if first.counters.majflt > 0 {
            return "\(who): \(NumberFormat.count(first.counters.majflt)) major fault\(first.counters.majflt == 1 ? "" : "s")\(each): "
                + "the first touch found nothing in the page cache, and the kernel read ahead around it; the other "
                + "\(NumberFormat.count(first.counters.minflt)) were minor: readahead had put their pages in the page cache, "
                + "read or on their way"
        }
        guard faults > 0, faults < pages else { return nil }
        let folios = first.size / sampleFolio
        if first.size % sampleFolio == 0, folios >= 2, faults == folios - 1 + sampleFolio / faultAround {
            return "\(who): \(NumberFormat.count(faults, "fault"))\(each) for \(NumberFormat.count(pages)) pages: the page cache "
                + "holds the sample in 1 MiB folios (zctour writes it 1 MiB at a time) and Linux maps a whole folio per fault, "
                + "\(NumberFormat.count(folios - 1, "fault")) for the first \(NumberFormat.count(folios - 1)) MiB; the last folio "
                + "ends at the end of the file and is mapped 64 KiB at a time (fault_around_bytes): "
                + "\(sampleFolio / faultAround) more"
        }
        let perFault = first.size / faultAround
        if abs(faults - perFault) * 20 <= perFault {
            return "\(who): \(NumberFormat.count(faults, "fault"))\(each), one per 64 KiB: fault-around maps 16 pages per fault "
                + "(fault_around_bytes) where the file's pages sit in small folios, as after --cold, when readahead brings "
                + "them back in smaller pieces"
        }
        return "\(who): \(NumberFormat.count(faults, "fault"))\(each) for \(NumberFormat.count(pages)) pages: each fault maps "
            + "64 KiB around it (fault-around) or a whole large folio, depending on how the pages came into the page cache"
    }

    // MARK: Storage

    /// A cold read of a size that is not a whole number of pages.
    static func pageRounded(_ record: RunRecord) -> String? {
        guard record.cold, record.size % page != 0, let read = record.counters.readBytes,
            read == (record.size / page + 1) * page
        else { return nil }
        return "read_bytes is \(NumberFormat.count(read)), the size rounded up to whole 4 KiB pages: storage is read in "
            + "pages, and readahead stops at the end of the file"
    }

    /// O_DIRECT: each read waits for the device.
    static func directWaits(_ record: RunRecord) -> String? {
        guard record.direct == true, let reads = record.counters.syscr, reads >= 4,
            record.counters.voluntarySwitches >= reads - 1
        else { return nil }
        return "\(NumberFormat.count(record.counters.voluntarySwitches)) voluntary switches for "
            + "\(NumberFormat.count(reads)) reads: each read that returned data waited for the device. O_DIRECT has no "
            + "page cache and no readahead to hide the device's latency; the device put the data straight into the "
            + "buffer, with no CPU copy"
    }

    // MARK: Memory

    /// cow's string step: more bytes out than in.
    static func stringDecoding(_ record: RunRecord) -> [String] {
        guard let step = record.steps?.first(where: { $0.id == "string-decoding" }), step.bytes > record.buffer / 2 else {
            return []
        }
        let grew = step.allocations == 2 ? "; it reserved room for its input and grew once: 2 allocations" : ""
        return [
            "string-decoding: the \(ByteSize.format(record.buffer / 2)) slice became \(ByteSize.format(step.bytes)) of UTF-8: the "
                + "sample is not text, and String(decoding:as:) replaces each invalid sequence with U+FFFD, 3 bytes\(grew)"
        ]
    }

    /// The Go blog's question, copy against slice, per piece.
    static func copyAgainstSlice(_ records: [RunRecord], slower: Slower) -> String? {
        guard let copy = records.first(where: { $0.demo == "copy" }),
            let slice = records.first(where: { $0.demo == "slice" && $0.size == copy.size && $0.buffer == copy.buffer }),
            copy.buffer > 0, copy.size / copy.buffer > 0
        else { return nil }
        let pieces = copy.size / copy.buffer
        let perCopy = copy.wallNanoseconds / pieces
        let perSlice = slice.wallNanoseconds / pieces
        var text =
            "per \(ByteSize.format(copy.buffer)) piece: copy \(NumberFormat.duration(nanoseconds: perCopy)), slice "
            + "\(NumberFormat.duration(nanoseconds: perSlice)) (each row's time ÷ \(NumberFormat.count(pieces)) pieces)"
        if perCopy > perSlice && slower(copy, slice) {
            text +=
                "; both read every byte to checksum it, so the \(NumberFormat.duration(nanoseconds: perCopy - perSlice)) "
                + "between them is one piece's allocation and copy"
        } else {
            text += "; the copy's allocation and copy did not show in this run's times"
        }
        return text
    }

    // MARK: Sockets

    /// On loopback the receiver reads and checksums every byte on another thread, and on a
    /// busy machine that, not the sender, can decide a row's time.
    /// curl is no receiver thread: a process of its own that writes the body to a file, whose
    /// CPU time is its whole life, start-up included; the note says so rather than "checksumming".
    static func receiverPace(_ records: [RunRecord]) -> String? {
        let rows = records.filter { $0.sink == "socket" && $0.peer != nil }
        guard rows.count >= 2 else { return nil }
        let paced = rows.filter { pacedByPeer($0) == true }
        let early = rows.filter(handedOverEarly)
        var parts: [String] = []
        func list(_ rows: [RunRecord], _ value: (RunRecord) -> Int) -> String {
            rows.map { "\($0.label) \(NumberFormat.duration(nanoseconds: value($0)))" }.joined(separator: ", ")
        }
        let curl = rows.allSatisfy { $0.peerRole == "curl" }
        if paced.count == rows.count {
            let who =
                curl
                ? "the client, curl, used at least half of every row's time in CPU, receiving and writing its copy to a file "
                    + "(its whole life, start-up included): "
                : "the receiver thread was busy for at least half of every row's time, reading and checksumming: its CPU "
            parts.append(
                who
                    + "\(list(rows) { $0.peer?.cpuNanoseconds ?? 0 }) against the rows' times \(list(rows, \.wallNanoseconds)). The "
                    + "\(curl ? "server's" : "senders'") own CPU (\(list(rows, \.counters.cpuNanoseconds))) is what the techniques change; the "
                    + "throughput also measures the \(curl ? "client" : "receiver")")
        }
        if !early.isEmpty {
            let peer = curl ? "the client's" : "the receiver's"
            parts.append(
                "\(list(early, \.wallNanoseconds)): a small part of \(peer) CPU time (\(list(early) { $0.peer?.cpuNanoseconds ?? 0 })): "
                    + "the body fit in the sockets' buffers, so the calls returned before it was read, and "
                    + "\(early.count == 1 ? "that row's" : "those rows'") throughput is the hand-over to the kernel, not the "
                    + "transfer; a larger --size shows the transfer")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ". ")
    }

    /// Whether a socket run's receiver (or curl) was busy for at least half of the run's time
    /// and not for much more: then its pace is the run's. Nil without a receiver's counters.
    static func pacedByPeer(_ record: RunRecord) -> Bool? {
        guard record.sink == "socket", let peer = record.peer else { return nil }
        return peer.cpuNanoseconds * 2 >= record.wallNanoseconds && !handedOverEarly(record)
    }

    /// A socket run whose receiver needed several times the run's whole time in CPU: the run's
    /// calls returned before the bytes were read (they fit in the sockets' buffers).
    static func handedOverEarly(_ record: RunRecord) -> Bool {
        guard record.sink == "socket", let peer = record.peer else { return false }
        return peer.cpuNanoseconds > 3 * record.wallNanoseconds
    }

    static func uniqued(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
