import Glibc
import Probe
import Syscalls
import ZeroCopy

/// What runs share within one invocation or prompt session: the private temporary directory
/// (created on first need, removed by `close()`), the sample files made so far, and the /proc
/// root to read. It turns `RunSettings` into a measured, verified `RunRecord`.
public final class DemoRunner {
    private var workspace: Workspace?
    private var samples: [Int: SampleFile] = [:]
    private var memorySamples: [Int: ([UInt8], UInt64)] = [:]
    public let procRoot: String
    /// Set in a traced child: the demo's window also writes the markers the tracer looks for.
    public var marksWindows = false
    /// Told when a sample is being written, so a terminal can say why there is a pause.
    public var onPreparing: ((String) -> Void)?

    /// Says what is being prepared on stderr, dimmed: for a person at a terminal.
    public func announcePreparations(style: Style) {
        onPreparing = { message in StandardError.line(style.dim("(\(message)…)")) }
    }

    public init(procRoot: String = Probe.defaultProcRoot) {
        self.procRoot = procRoot
    }

    deinit { close() }

    /// A thread's window: probed, and marked when traced.
    private func probedWindow() -> (MeasurementWindow, ProbeWindow) {
        if marksWindows {
            let marked = MarkedProbeWindow(procRoot: procRoot)
            return (marked, marked.probe)
        }
        let window = ProbeWindow(procRoot: procRoot)
        return (window, window)
    }

    /// Removes the temporary directory and everything in it.
    public func close() {
        workspace?.remove()
        workspace = nil
        samples = [:]
    }

    /// The directory of this session's files, if one was created.
    public var directory: String? { workspace?.path }

    public func requireWorkspace() throws -> Workspace {
        if let workspace { return workspace }
        do {
            let made = try Workspace()
            workspace = made
            return made
        } catch {
            throw RuntimeFailure(String(describing: error))
        }
    }

    /// Checks, before anything is written, that the runs fit on disk and in memory.
    public func checkResources(for runs: [RunSettings]) throws {
        func sum(_ values: [Int]) -> Int {  // saturating: a huge --size is "too large", not a trap
            values.reduce(0) { total, value in
                let (result, overflow) = total.addingReportingOverflow(value)
                return overflow ? Int.max : result
            }
        }
        let needed = DemoRunner.diskBytes(for: runs, except: Set(samples.keys))
        if needed > 0 {
            let space = try requireWorkspace()
            let free = (try? space.freeBytes()) ?? Int.max
            if needed > free {
                throw UsageError(
                    "--size \(ByteSize.compact(runs.map(\.size).max() ?? 0)) needs \(ByteSize.format(needed)) "
                        + "in \(Workspace.temporaryRoot), which has \(ByteSize.format(free)) free; "
                        + "use a smaller --size or set TMPDIR to a roomier directory")
            }
        }
        // What a run holds in memory at once: the region or whole-file buffer, the buffer, and
        // for cow the region with its copies (the string step may take 1.5 times its half).
        let memoryNeeded =
            runs.map { run -> Int in
                switch run.demo {
                case .copy, .slice: sum([run.size, run.buffer])
                case .pread: run.size
                case .cow: sum([run.buffer, run.buffer, run.buffer, run.buffer, run.buffer])
                case .readWrite, .readWriteAlloc, .mmapCopy: run.buffer
                case .mmap, .sendfile, .splice, .tee, .copyFileRange, .msgZerocopy: 0
                }
            }.max() ?? 0
        let available = DemoRunner.availableMemory()
        if memoryNeeded > available / 2 {
            throw UsageError(
                "this run needs about \(ByteSize.format(memoryNeeded)) of memory and "
                    + "\(ByteSize.format(available)) is available here (a demo may use at most half); use a smaller --size or --buffer")
        }
    }

    /// Temporary disk the runs need at once: a sample of each size not in `existing`, and the
    /// largest file destination (each is removed after its run). Saturating, so a huge --size
    /// is "too large", not a trap. `doctor` asks it about whole lessons.
    static func diskBytes(for runs: [RunSettings], except existing: Set<Int> = []) -> Int {
        func sum(_ values: [Int]) -> Int {
            values.reduce(0) { total, value in
                let (result, overflow) = total.addingReportingOverflow(value)
                return overflow ? Int.max : result
            }
        }
        let fileSizes = Set(runs.filter { $0.demo.movesFile }.map(\.size)).subtracting(existing)
        // A file sink holds a copy; tee writes a second one beside whatever sink it has.
        let destinationBytes =
            runs.map { run in
                (run.sink == .file ? run.size : 0) + (run.demo == .tee ? run.size : 0)
            }.max() ?? 0
        return sum([sum(Array(fileSizes)), destinationBytes])
    }

    /// MemAvailable from /proc/meminfo (free memory plus what the page cache can give back),
    /// else the free physical memory.
    static func availableMemory() -> Int {
        if let handle = fopen("/proc/meminfo", "r") {
            defer { fclose(handle) }
            var line = [CChar](repeating: 0, count: 256)
            while fgets(&line, Int32(line.count), handle) != nil {
                let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if text.hasPrefix("MemAvailable:") {
                    let digits = text.dropFirst("MemAvailable:".count).trimmingWhitespace().prefix { $0.isNumber }
                    if let kib = Int(digits) { return kib * 1024 }
                }
            }
        }
        let pages = sysconf(Int32(_SC_AVPHYS_PAGES))
        let page = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && page > 0 ? pages * page : Int.max
    }

    /// Uses a sample that already exists (the traced child gets its parent's).
    func adopt(_ sample: SampleFile) { samples[sample.size] = sample }

    func sample(size: Int) throws -> SampleFile {
        if let sample = samples[size] { return sample }
        let space = try requireWorkspace()
        onPreparing?("writing a \(ByteSize.format(size)) sample file in \(space.path)")
        let sample = try SampleFile.create(at: space.file("sample-\(ByteSize.compact(size)).bin"), size: size)
        samples[size] = sample
        return sample
    }

    func memorySample(size: Int) -> ([UInt8], UInt64) {
        if let sample = memorySamples[size] { return sample }
        let bytes = SampleFile.bytes(count: size)
        let made = (bytes, bytes.withUnsafeBytes { Checksum.of($0) })
        memorySamples = [size: made]
        return made
    }

    /// Runs the demo `repeatCount` times and keeps the run of median wall time, with all of
    /// its own counters, so every number in a record comes from one and the same run.
    /// `warmUp` adds one unmeasured run first, so that rows of a comparison all start from the
    /// same warm state (code paged in, sample cached, allocator primed).
    public func run(_ settings: RunSettings, label: String? = nil, warmUp: Bool = false) throws -> RunRecord {
        try checkResources(for: [settings])
        if warmUp { _ = try runOnce(settings, label: label ?? settings.demo.rawValue) }
        var records: [RunRecord] = []
        for _ in 0..<settings.repeatCount {
            try Interruption.check()
            records.append(try runOnce(settings, label: label ?? settings.demo.rawValue))
        }
        let byTime = records.sorted { $0.wallNanoseconds < $1.wallNanoseconds }
        var chosen = byTime[(byTime.count - 1) / 2]
        chosen.wallNanosecondsAll = records.map(\.wallNanoseconds)
        return chosen
    }

    private func runOnce(_ settings: RunSettings, label: String) throws -> RunRecord {
        do {
            switch settings.demo {
            case .copy, .slice: return try runWalk(settings, label: label)
            case .cow: return try runCopyOnWrite(settings, label: label)
            default: return try runTransfer(settings, label: label)
            }
        } catch let error as SystemError {
            throw RuntimeFailure("\(settings.demo.rawValue): \(error)")
        } catch let error as VerificationFailed {
            throw RuntimeFailure("\(settings.demo.rawValue): \(error)")
        }
    }

    private func runTransfer(_ settings: RunSettings, label: String) throws -> RunRecord {
        guard let technique = settings.demo.technique else { throw RuntimeFailure("\(settings.demo.rawValue) moves no file") }
        let sample = try sample(size: settings.size)
        var pageCache: RunRecord.PageCache?
        if settings.cold {
            let drop = try sample.dropFromPageCache()
            pageCache = RunRecord.PageCache(
                pages: drop.pages, residentBefore: drop.residentBefore, residentAfter: drop.residentAfter,
                filesystem: try requireWorkspace().filesystemName())
        }
        let (measured, window) = probedWindow()
        let (peerMeasured, peerWindow) = probedWindow()
        let sink = try Sink.open(settings.sink, in: try requireWorkspace(), peerWindow: peerMeasured)
        let report: TransferReport
        do {
            report = try technique(
                Transfer(
                    sample: sample, sink: sink, buffer: settings.buffer, window: measured,
                    direct: settings.direct, workspace: try requireWorkspace()))
        } catch let error as DirectIO.Misaligned {
            throw UsageError(String(describing: error))
        } catch let error as ZeroCopySend.Refused {
            throw RuntimeFailure("\(settings.demo.rawValue): \(error)")
        } catch let error as SystemError where settings.direct && error.errno == EINVAL && error.operation == .openDirect {
            throw RuntimeFailure(
                "\(settings.demo.rawValue): the filesystem of \(Workspace.temporaryRoot) "
                    + "(\(try requireWorkspace().filesystemName())) refuses O_DIRECT; set TMPDIR to a directory on a disk")
        }
        let verification = try sink.verify(against: sample)
        try verification.require()
        guard let delta = window.delta else { throw RuntimeFailure("\(settings.demo.rawValue): the measured window did not close") }
        var record = RunRecord(settings, label: label, delta: delta, unavailable: window.unavailable)
        record.bytes = verification.bytes
        record.verified = verification.passed
        record.verification = verification.method.rawValue
        record.checksum = verification.checksum?.hex
        record.calls = report.calls
        record.notes = report.notes
        record.pageCache = pageCache
        record.direct = settings.direct
        if settings.direct, try requireWorkspace().filesystemName() == "tmpfs" {
            record.notes.append(
                "--direct on tmpfs: its files live only in memory, so O_DIRECT reads still come from memory and "
                    + "read_bytes stays 0; set TMPDIR to a directory on a disk to see storage reads")
        }
        record.zerocopy = report.completions
        if let blind = settings.demo.blindSpot { record.countersBlind = RunRecord.Blind(counters: blind.counters, reason: blind.reason) }
        if settings.sink == .socket, let peer = peerWindow.delta { record.peer = RunRecord.Counters(peer) }
        return record
    }

    /// The memcpy ceiling for `size` bytes (see `MemoryLimit`), after one unmeasured warm-up
    /// copy, labelled "limit" in comparisons and sweeps.
    public func limit(size: Int) throws -> RunRecord {
        let span = min(size, MemoryLimit.largestSource)
        if span > DemoRunner.availableMemory() / 2 {
            throw UsageError("the memcpy limit row needs \(ByteSize.format(span)) of memory; use a smaller --size")
        }
        _ = try MemoryLimit.copy(size: span, window: UnmeasuredWindow())
        let (measured, window) = probedWindow()
        let verification = try MemoryLimit.copy(size: size, window: measured)
        do { try verification.require() } catch let error as VerificationFailed { throw RuntimeFailure("limit: \(error)") }
        guard let delta = window.delta else { throw RuntimeFailure("limit: the measured window did not close") }
        let settings = try RunSettings(demo: .copy, size: size, buffer: span, sink: nil, repeatCount: 1, cold: false)
        var record = RunRecord(settings, label: "limit", delta: delta, unavailable: window.unavailable)
        record.demo = "memcpy"
        record.bytes = verification.bytes
        record.verified = true
        record.verification = verification.method.rawValue
        record.checksum = verification.checksum?.hex
        return record
    }

    private func runWalk(_ settings: RunSettings, label: String) throws -> RunRecord {
        let (region, checksum) = memorySample(size: settings.size)
        let (measured, window) = probedWindow()
        let walk =
            settings.demo == .copy
            ? try Views.copyPieces(of: region, piece: settings.buffer, expected: checksum, window: measured)
            : try Views.slicePieces(of: region, piece: settings.buffer, expected: checksum, window: measured)
        try walk.verification.require()
        guard let delta = window.delta else { throw RuntimeFailure("\(settings.demo.rawValue): the measured window did not close") }
        var record = RunRecord(settings, label: label, delta: delta, unavailable: window.unavailable)
        record.bytes = walk.verification.bytes
        record.verified = true
        record.verification = walk.verification.method.rawValue
        record.checksum = walk.verification.checksum?.hex
        record.copiedBytes = walk.copiedBytes
        record.notes = [
            "\(NumberFormat.count(walk.pieces)) pieces: \(NumberFormat.count(walk.sharedPieces)) share the region's storage, "
                + "\(NumberFormat.count(walk.pieces - walk.sharedPieces)) are copies"
        ]
        return record
    }

    private func runCopyOnWrite(_ settings: RunSettings, label: String) throws -> RunRecord {
        let (region, checksum) = memorySample(size: settings.buffer)
        var windows: [String: ProbeWindow] = [:]
        let steps = try CopyOnWrite.steps(on: region) { id in
            let window = ProbeWindow(procRoot: procRoot)
            windows[id] = window
            return window
        }
        let intact = region.withUnsafeBytes { Checksum.of($0) } == checksum
        guard intact else { throw RuntimeFailure("cow: the original region changed, copy-on-write failed") }
        var total: Delta?
        var recorded: [RunRecord.Step] = []
        for step in steps {
            guard let delta = windows[step.id]?.delta else { continue }
            total = total.map { $0 + delta } ?? delta
            recorded.append(
                RunRecord.Step(
                    id: step.id, code: step.code, shared: step.shared, bytes: step.bytes,
                    allocations: delta.allocations, allocatedBytes: delta.allocatedBytes))
        }
        guard let total else { throw RuntimeFailure("cow: no step was measured") }
        var record = RunRecord(settings, label: label, delta: total, unavailable: windows.values.first?.unavailable)
        record.bytes = settings.buffer
        record.verified = true
        record.verification = "the original region is unchanged, by checksum"
        record.checksum = checksum.hex
        record.steps = recorded
        return record
    }
}
