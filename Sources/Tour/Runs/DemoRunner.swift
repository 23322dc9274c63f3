import Glibc
import Probe
import Syscalls
import ZeroCopy

/// Turns `RunSettings` into a measured, verified `RunRecord`: it takes the sample from the
/// session's `SampleCache`, opens the sink, runs the demo inside a probed window (marked for
/// the tracer in a traced child), verifies what arrived, and records what the kernel counted.
public final class DemoRunner {
    public let samples: SampleCache
    public let procRoot: String
    /// Set in a traced child: the demo's window also writes the markers the tracer looks for.
    public var marksWindows = false
    /// Runs made so far (warm-ups and the limit's included): a traced child that repeats this
    /// process's history is exact only when the measurement it repeats was its first.
    var runsMade = 0

    public init(procRoot: String = Probe.defaultProcRoot, samples: SampleCache = SampleCache()) {
        self.procRoot = procRoot
        self.samples = samples
    }

    /// Says what is being prepared on stderr, dimmed, and shows the progress of long work
    /// there (`ProgressLine`): for a person at a terminal.
    public func announcePreparations(style: Style) {
        samples.onPreparing = { message in StandardError.line(style.dim("(\(message)…)")) }
        ProgressLine.shared.enable(style: style)
    }

    /// Tells `report` what is being prepared (a sample written, a traced run started).
    var onPreparing: ((String) -> Void)? { samples.onPreparing }

    /// Removes the session's temporary files.
    public func close() { samples.close() }

    /// Checks, before anything is written, that the runs fit on disk and in memory.
    public func checkResources(for runs: [RunSettings]) throws {
        try ResourceBudget.check(runs, existing: samples.sizes, in: samples.requireWorkspace)
    }

    /// A thread's window: probed, and marked when traced. `processStorage` also reads the
    /// process's storage counters, for a demo whose storage I/O worker threads may do.
    func probedWindow(processStorage: Bool = false) -> (MeasurementWindow, ProbeWindow) {
        if marksWindows {
            let marked = MarkedProbeWindow(procRoot: procRoot, processStorage: processStorage)
            return (marked, marked.probe)
        }
        let window = ProbeWindow(procRoot: procRoot, processStorage: processStorage)
        return (window, window)
    }

    /// Runs the demo `repeatCount` times and keeps the run of median wall time, with all of
    /// its own counters, so every number in a record comes from one and the same run: a
    /// measurement of one row in `repeatCount` rounds (see `measure`). `warmUp` adds one
    /// unmeasured run first, so that a run starts from a warm state (code paged in, sample
    /// cached, allocator primed).
    public func run(_ settings: RunSettings, label: String? = nil, warmUp: Bool = false) throws -> RunRecord {
        let measured = try measure(
            [(settings, label ?? settings.demo.id)], limitSize: nil, plan: RoundPlan(.fixed(settings.repeatCount)), warmUp: warmUp)
        var record = measured.rows[0].shown
        // A single run keeps the record of a run; the rounds' fields are for comparisons.
        record.rounds = nil
        record.cpuNanosecondsAll = nil
        record.noise = nil
        return record
    }

    /// One run of `settings`, measured and verified.
    func runOnce(_ settings: RunSettings, label: String) throws -> RunRecord {
        runsMade += 1
        do {
            switch settings.demo.run {
            case .pieces: return try runWalk(settings, label: label)
            case .steps: return try runCopyOnWrite(settings, label: label)
            case .transfer: return try runTransfer(settings, label: label)
            case .serve: return try runDownload(settings, label: label)
            case .receive: return try runReception(settings, label: label)
            }
        } catch let error as SystemError {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as VerificationFailed {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as MsgZerocopy.UnfinishedSends {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as DownloadProblem {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as HTTPClientKind.MissingClient {
            throw UsageError(String(describing: error))
        } catch let error as SampleSizeMismatch {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as LearnerFileChanged {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as LibraryCallFailed {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as MsgZerocopy.SendRefused {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as Ring.OperationFailed {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let refused as Ring.Refused {
            throw RuntimeFailure(
                "\(settings.demo.id): \(refused)", refusal: DemoRefusal(demo: settings.demo.id, reason: refused.description))
        }
    }

    private func runTransfer(_ settings: RunSettings, label: String) throws -> RunRecord {
        let sample = try settings.file.map { try samples.sample(of: $0) } ?? samples.file(size: settings.size)
        let workspace = try samples.requireWorkspace()
        var pageCache: RunRecord.PageCache?
        if settings.cold {
            let drop = try sample.dropFromPageCache()
            pageCache = RunRecord.PageCache(
                pages: drop.pages, residentBefore: drop.residentBefore, residentAfter: drop.residentAfter,
                filesystem: Workspace.filesystemName(of: sample.path))
        }
        let (measured, window) = probedWindow(processStorage: settings.demo.storageByWorkers)
        let (peerMeasured, peerWindow) = probedWindow()
        let sink = try Sink.open(settings.sink, in: workspace, peerWindow: peerMeasured)
        let resetProblem = settings.demo.watchesResidency ? ResidentPeak.reset(procRoot: procRoot) : nil
        let report: TransferReport
        do {
            report = try ProgressLine.shared.track(settings.demo.id, counter: sink.progress, total: sample.size) { _ in
                try settings.demo.transfer(
                    Transfer(
                        sample: sample, sink: sink, buffer: settings.buffer, window: measured, direct: settings.direct,
                        workspace: workspace, queue: settings.queue))
            }
        } catch let error as DirectIO.Misaligned {
            throw UsageError(String(describing: error))
        } catch let error as MsgZerocopy.Refused {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as SystemError where settings.direct && error.errno == EINVAL && error.operation == .openDirect {
            if let file = settings.file {
                throw RuntimeFailure(
                    "\(settings.demo.id): the filesystem of \(file.path) (\(Workspace.filesystemName(of: file.path))) refuses O_DIRECT")
            }
            throw RuntimeFailure(
                "\(settings.demo.id): the filesystem of \(Workspace.temporaryRoot) "
                    + "(\(workspace.filesystemName())) refuses O_DIRECT; set TMPDIR to a directory on a disk")
        }
        let verification = try sink.verify(against: sample)
        // The learner's file may have been written meanwhile: that, not the demo, is then the reason.
        try sample.learner?.explain(verification)
        try verification.require()
        guard let delta = window.delta else { throw RuntimeFailure("\(settings.demo.id): the measured window did not close") }
        var record = RunRecord(settings, label: label, delta: delta, unavailable: window.unavailable)
        record.bytes = verification.bytes
        record.verified = verification.passed
        record.verification = verification.method.rawValue
        record.checksum = verification.checksum?.hex
        record.calls = report.calls
        record.notes = report.notes
        record.pageCache = pageCache
        record.direct = settings.direct
        record.file = sample.learner?.path
        record.blockSize = try? sample.blockSize()
        if settings.cold, let file = settings.file {
            record.notes.append(
                "--cold on your file: zctour only asked the kernel to drop its cached pages (posix_fadvise POSIX_FADV_DONTNEED); "
                    + "nothing in \(file.path) changed, and the pages it dropped are read from storage by whoever reads it next")
        }
        if let asked = settings.queueAsked {
            record.notes.append(
                "--queue \(NumberFormat.count(asked)) is more than the run's \(NumberFormat.count(settings.queue)) chunks of "
                    + "\(ByteSize.format(settings.buffer)): \(NumberFormat.count(settings.queue)) in flight, one per chunk")
        }
        if settings.direct, workspace.filesystemName() == "tmpfs" {
            record.notes.append(
                "--direct on tmpfs: its files live only in memory, so O_DIRECT reads still come from memory and "
                    + "read_bytes stays 0; set TMPDIR to a directory on a disk to see storage reads")
        }
        record.zerocopy = report.completions
        record.ring = report.ring
        if settings.demo.options.contains(.queue) { record.queue = settings.queue }
        if settings.demo.storageByWorkers, let storage = delta.processStorage, record.countersUnavailable == nil {
            record.counters.readBytes = storage.readBytes
            record.counters.writeBytes = storage.writeBytes
            record.storageScope = "process"
        }
        if let blind = settings.demo.blindSpot { record.countersBlind = RunRecord.Blind(counters: blind.counters, reason: blind.reason) }
        if settings.sink == .socket, let peer = peerWindow.delta { record.peer = RunRecord.Counters(peer) }
        if settings.demo.watchesResidency {
            record.residency = RunRecord.Residency(
                peakBytes: resetProblem == nil ? delta.peakRSSBytes : nil, growthBytes: resetProblem == nil ? delta.peakRSSGrowth : nil,
                unavailable: resetProblem)
        }
        record.mappings = report.mappings
        record.space = report.space
        return record
    }

    /// The memcpy ceiling for `size` bytes (see `MemoryLimit`) from `source`, labelled
    /// "limit" in comparisons and sweeps.
    func limitRun(size: Int, source: MemoryLimit.Source) throws -> RunRecord {
        runsMade += 1
        let (measured, window) = probedWindow()
        let verification = try source.copy(size: size, window: measured)
        do { try verification.require() } catch let error as VerificationFailed { throw RuntimeFailure("limit: \(error)") }
        guard let delta = window.delta else { throw RuntimeFailure("limit: the measured window did not close") }
        let settings = try RunSettings(
            demo: .copy, size: size, buffer: min(size, MemoryLimit.largestSource), sink: nil, repeatCount: 1, cold: false)
        var record = RunRecord(settings, label: "limit", delta: delta, unavailable: window.unavailable)
        record.demo = "memcpy"
        record.bytes = verification.bytes
        record.verified = true
        record.verification = verification.method.rawValue
        record.checksum = verification.checksum?.hex
        return record
    }

    /// The memory the limit row holds, checked before anything runs.
    func limitSource(size: Int) throws -> MemoryLimit.Source {
        let span = min(size, MemoryLimit.largestSource)
        if span > ResourceBudget.availableMemory() / 2 {
            throw UsageError("the memcpy limit row needs \(ByteSize.format(span)) of memory; use a smaller --size")
        }
        return MemoryLimit.Source(size: size)
    }

    private func runWalk(_ settings: RunSettings, label: String) throws -> RunRecord {
        let (region, checksum) = samples.region(size: settings.size)
        let (measured, window) = probedWindow()
        let walk = try ProgressLine.shared.track(settings.demo.id) { _ in
            try settings.demo.walk(region, piece: settings.buffer, expected: checksum, window: measured)
        }
        try walk.verification.require()
        guard let delta = window.delta else { throw RuntimeFailure("\(settings.demo.id): the measured window did not close") }
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
        let (region, checksum) = samples.region(size: settings.buffer)
        var windows: [String: ProbeWindow] = [:]
        let steps = try Cow.steps(on: region) { id in
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
