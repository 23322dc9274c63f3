import Glibc
import Probe
import ZeroCopy

extension DemoRunner {
    /// A download demo: the server on this thread answers one GET for the sample from the client
    /// (curl when installed, else a client thread), whose copy is checked after the window.
    /// `ZCTOUR_SIMULATE_CLIENT_HANGUP=1` makes the client thread leave half way, for the tests.
    func runDownload(_ settings: RunSettings, label: String) throws -> RunRecord {
        let sample = try samples.file(size: settings.size)
        let workspace = try samples.requireWorkspace()
        let pageCache = try settings.cold ? dropped(sample, in: workspace) : nil
        let hangUp = getenv("ZCTOUR_SIMULATE_CLIENT_HANGUP").map { String(cString: $0) } == "1"
        let client = hangUp ? .thread : try HTTPClientKind.chosen()
        let (measured, window) = probedWindow()
        let (clientMeasured, clientWindow) = probedWindow()
        let report = try settings.demo.serve(
            sample, buffer: settings.buffer, window: measured, clientWindow: clientMeasured, workspace: workspace, client: client,
            hangUpAfter: hangUp ? max(1, settings.size / 2) : nil)
        try report.verification.require()
        guard let delta = window.delta else { throw RuntimeFailure("\(settings.demo.id): the measured window did not close") }
        var record = RunRecord(settings, label: label, delta: delta, unavailable: window.unavailable)
        record.fill(with: report.verification)
        record.calls = report.exchange.bodyCalls
        record.pageCache = pageCache
        record.direct = false
        if let blind = settings.demo.blindSpot { record.countersBlind = RunRecord.Blind(counters: blind.counters, reason: blind.reason) }
        var http = RunRecord.HTTPRun(url: report.url, exchange: report.exchange, client: "thread", clientStatus: report.client.status)
        switch report.client.kind {
        case .curl(let path):
            http.client = "curl"
            http.clientPath = path
            http.clientExit = report.client.exitStatus
            record.peer = RunRecord.Counters(process: report.client)
            record.peerRole = "curl"
        case .thread:
            if let delta = clientWindow.delta { record.peer = RunRecord.Counters(delta) }
            record.peerRole = "client"
        }
        record.http = http
        if let note = report.exchange.note { record.notes.append(note) }
        return record
    }

    /// A network → file demo: a sender thread streams the sample over loopback; the demo's
    /// thread receives it into a file, read back and checked after the window.
    func runReception(_ settings: RunSettings, label: String) throws -> RunRecord {
        let sample = try samples.file(size: settings.size)
        let workspace = try samples.requireWorkspace()
        let (measured, window) = probedWindow()
        let (senderMeasured, senderWindow) = probedWindow()
        let report: TransferReport
        let verification: Verification
        do {
            let reception = try Reception(
                sample: sample, workspace: workspace, buffer: settings.buffer, window: measured, senderWindow: senderMeasured)
            report = try settings.demo.receive(reception)
            verification = try reception.verify()
        }
        try verification.require()
        guard let delta = window.delta else { throw RuntimeFailure("\(settings.demo.id): the measured window did not close") }
        var record = RunRecord(settings, label: label, delta: delta, unavailable: window.unavailable)
        record.fill(with: verification)
        record.calls = report.calls
        record.notes = report.notes
        record.source = "socket"
        if let blind = settings.demo.blindSpot { record.countersBlind = RunRecord.Blind(counters: blind.counters, reason: blind.reason) }
        if let peer = senderWindow.delta {
            record.peer = RunRecord.Counters(peer)
            record.peerRole = "sender"
        }
        return record
    }

    /// --cold: the sample dropped from the page cache, and what the kernel kept.
    func dropped(_ sample: SampleFile, in workspace: Workspace) throws -> RunRecord.PageCache {
        let drop = try sample.dropFromPageCache()
        return RunRecord.PageCache(
            pages: drop.pages, residentBefore: drop.residentBefore, residentAfter: drop.residentAfter,
            filesystem: workspace.filesystemName())
    }
}

extension RunRecord {
    mutating func fill(with verification: Verification) {
        bytes = verification.bytes
        verified = verification.passed
        self.verification = verification.method.rawValue
        checksum = verification.checksum?.hex
    }
}

extension RunRecord.Counters {
    /// A client process's counters at its exit (curl): /proc/<pid>/io and its resource usage;
    /// its whole life, not a window.
    init(process report: ClientReport) {
        let io = report.processIO.flatMap { IOCounters.parse(text: $0) }
        self.init(
            syscr: io?.syscr, syscw: io?.syscw, rchar: io?.rchar, wchar: io?.wchar, readBytes: io?.readBytes, writeBytes: io?.writeBytes,
            minflt: report.minorFaults ?? 0, majflt: report.majorFaults ?? 0, voluntarySwitches: 0, nonvoluntarySwitches: 0,
            cpuNanoseconds: report.cpuNanoseconds ?? 0, utimeNanoseconds: 0, stimeNanoseconds: 0, peakRSSBytes: 0, wallNanoseconds: 0)
    }
}
