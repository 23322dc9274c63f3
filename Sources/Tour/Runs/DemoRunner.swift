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

    /// A thread's window: probed, and marked when traced.
    private func probedWindow() -> (MeasurementWindow, ProbeWindow) {
        if marksWindows {
            let marked = MarkedProbeWindow(procRoot: procRoot)
            return (marked, marked.probe)
        }
        let window = ProbeWindow(procRoot: procRoot)
        return (window, window)
    }

    /// Runs the demo `repeatCount` times and keeps the run of median wall time, with all of
    /// its own counters, so every number in a record comes from one and the same run.
    /// `warmUp` adds one unmeasured run first, so that rows of a comparison all start from the
    /// same warm state (code paged in, sample cached, allocator primed).
    public func run(_ settings: RunSettings, label: String? = nil, warmUp: Bool = false) throws -> RunRecord {
        try checkResources(for: [settings])
        if warmUp { _ = try runOnce(settings, label: label ?? settings.demo.id) }
        var records: [RunRecord] = []
        for _ in 0..<settings.repeatCount {
            try Interruption.check()
            records.append(try runOnce(settings, label: label ?? settings.demo.id))
        }
        let byTime = records.sorted { $0.wallNanoseconds < $1.wallNanoseconds }
        var chosen = byTime[(byTime.count - 1) / 2]
        chosen.wallNanosecondsAll = records.map(\.wallNanoseconds)
        return chosen
    }

    private func runOnce(_ settings: RunSettings, label: String) throws -> RunRecord {
        do {
            switch settings.demo.run {
            case .pieces: return try runWalk(settings, label: label)
            case .steps: return try runCopyOnWrite(settings, label: label)
            case .transfer: return try runTransfer(settings, label: label)
            }
        } catch let error as SystemError {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as VerificationFailed {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as MsgZerocopy.UnfinishedSends {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as LearnerFileChanged {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as LibraryCallFailed {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
        } catch let error as MsgZerocopy.SendRefused {
            throw RuntimeFailure("\(settings.demo.id): \(error)")
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
        let (measured, window) = probedWindow()
        let (peerMeasured, peerWindow) = probedWindow()
        let sink = try Sink.open(settings.sink, in: workspace, peerWindow: peerMeasured)
        let report: TransferReport
        do {
            report = try ProgressLine.shared.track(settings.demo.id, counter: sink.progress, total: sample.size) { _ in
                try settings.demo.transfer(
                    Transfer(
                        sample: sample, sink: sink, buffer: settings.buffer, window: measured, direct: settings.direct,
                        workspace: workspace))
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
        if settings.direct, workspace.filesystemName() == "tmpfs" {
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
        if span > ResourceBudget.availableMemory() / 2 {
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
