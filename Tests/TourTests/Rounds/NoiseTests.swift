import Testing
import Tour

/// Noise is detected and named: which runs waited for a core, judged by what each kind of run
/// waits for, and how the views and doctor say it.
@Suite struct NoiseTests {
    @Test func aRunOnACoreIsPreemptedWhenItsWallTimeIsWellAboveItsCPUTime() throws {
        let busy = Preemption(try SyntheticRuns.record("read-write", wall: 29_000_000, cpu: 10_000_000))
        #expect(busy.preempted && busy.basis == .cpu && busy.wallOverCPU == 2.9)
        #expect(!Preemption(try SyntheticRuns.record("read-write", wall: 11_000_000, cpu: 10_000_000)).preempted)
        // A tiny run a few microseconds off is the clock, not the scheduler.
        #expect(!Preemption(try SyntheticRuns.record("read-write", wall: 40_000, cpu: 20_000)).preempted)
    }

    /// Into a socket the sender waits for its receiver by design: the two threads' CPU time
    /// together is what its wall time is held against.
    @Test func aSocketRunIsJudgedWithItsReceiversCPUTime() throws {
        var record = try SyntheticRuns.record("read-write", wall: 9_000_000, cpu: 4_000_000, sink: "socket")
        record.peer?.cpuNanoseconds = 5_000_000
        let waiting = Preemption(record)
        #expect(waiting.basis == .cpuWithReceiver && !waiting.preempted)
        record.wallNanoseconds = 25_000_000
        #expect(Preemption(record).preempted)
    }

    @Test func aRunThatWaitsForStorageIsJudgedByItsInvoluntarySwitches() throws {
        var record = try SyntheticRuns.record("read-write", wall: 90_000_000, cpu: 10_000_000)
        record.cold = true
        record.counters.nonvoluntarySwitches = 1
        #expect(Preemption(record).basis == .switches && !Preemption(record).preempted)
        record.counters.nonvoluntarySwitches = 9
        #expect(Preemption(record).preempted)
    }

    /// The view marks the contaminated row, explains the mark once, and says what to do about
    /// the verdict it blurred.
    @Test func aPreemptedRowIsMarkedAndExplainedOnce() throws {
        let base = try SyntheticRuns.row("read-write", [20, 20, 20, 20, 20])
        let noisy = try SyntheticRuns.row("read-write-alloc", [21, 20, 60, 20, 21], cpus: [21, 20, 20, 20, 21])
        let text = CompareView.render(Comparison(rows: [base, noisy], limit: nil, rounds: 5), style: Style(color: false, width: 120))
        let lines = text.split(separator: "\n").map(String.init)
        let row = try #require(lines.first { $0.hasPrefix("  read-write-alloc") })
        #expect(row.contains("*"))
        #expect(lines.first { $0.hasPrefix("  read-write ") }?.contains("*") == false)
        #expect(lines.filter { $0.contains("preempted in some rounds") }.count == 1)
        #expect(flat(text).contains("read-write-alloc 1 of 5 (wall up to 3× the row's CPU time)"))
        #expect(row.contains("no clear difference"))
        #expect(flat(text).contains("no clear difference for read-write-alloc with preempted rounds in the way"))
        #expect(flat(text).contains("--rounds 15"))
    }

    @Test func aQuietMachineIsNotCalledNoisyAndABusyOneIs() {
        let steady = Array(repeating: (wall: 2_000_000, cpu: 1_990_000), count: 15)
        let quiet = NoiseCheck(load: 0.2, cpus: 2, runs: steady)
        #expect(!quiet.noisy)
        #expect(quiet.finding.contains("never preempted"))
        let loaded = NoiseCheck(load: 2.5, cpus: 2, runs: steady)
        #expect(loaded.noisy)
        var preempted = steady
        preempted[3] = (wall: 6_000_000, cpu: 2_000_000)
        preempted[9] = (wall: 5_000_000, cpu: 2_000_000)
        let contended = NoiseCheck(load: 0.2, cpus: 2, runs: preempted, quietestCPU: 1)
        #expect(contended.noisy)
        #expect(contended.finding.contains("preempted in 2 (wall up to 3× its CPU time)"))
        #expect(contended.meaning.contains("stay exact"))
        #expect(contended.action.contains("taskset -c 1 zctour"))
        #expect(contended.action.contains("--rounds 15"))
    }
}
