import BenchSupport
import Benchmark
import ZeroCopy

/// package-benchmark's view of every technique: 64 MiB to /dev/null, a loopback socket and a
/// file, Swift demo and C loop side by side, with wall and CPU time, throughput, the read/write
/// syscalls /proc counts for the process, and mallocs (the counterpart of Go's B/op and
/// allocs/op). The pass/fail goals are checked by `zctour-goals`, which interleaves the runs.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [
            .wallClock, .cpuTotal, .throughput, .readSyscalls, .writeSyscalls, .mallocCountTotal, .mallocBytesCount,
            TransferMetric.mebibytesPerSecond,
        ],
        timeUnits: .microseconds,
        warmupIterations: 2,
        maxDuration: .seconds(2),
        maxIterations: 25
    )
    let fixture: Fixture
    do {
        fixture = try Fixture()
        fixture.removeAtExit()
        _ = try fixture.sample(BenchmarkPlan.size)
    } catch {
        Benchmark("fixture") { benchmark in benchmark.error("cannot create the samples: \(error)") }
        return
    }
    for demo in BenchmarkPlan.fileDemos {
        let contenders = Contender.all(for: demo)
        for kind in SinkKind.allCases {
            for contender in contenders {
                // Combinations the demo or the kernel refuses (copy_file_range into a socket) are
                // left out; `zctour-goals` lists them with the reason. Said nowhere here, because
                // package-benchmark starts this program once per benchmark.
                guard BenchmarkPlan.unsupported(contender, to: kind, in: fixture) == nil else { continue }
                registerTransfer(contender, demo: demo, to: kind, size: BenchmarkPlan.size, fixture: fixture)
            }
        }
    }
    // The allocation counts at 1/64 of the size, into the first sink the demo takes: equal to
    // the 64 MiB ones for every demo but read-write-alloc, which allocates once per chunk.
    for demo in BenchmarkPlan.fileDemos {
        guard let kind = SinkKind.allCases.first(where: { BenchmarkPlan.unsupported(.swift(demo), to: $0, in: fixture) == nil })
        else { continue }
        registerTransfer(.swift(demo), demo: demo, to: kind, size: BenchmarkPlan.smallSize, fixture: fixture)
    }
    registerMemory(fixture: fixture)
    // package-benchmark's own mallocs in a measured window (about 16): subtract them from every
    // row's count to get the technique's.
    Benchmark("baseline · an empty window") { benchmark in
        benchmark.startMeasurement()
        benchmark.stopMeasurement()
    }
}

enum TransferMetric {
    /// Measured over the window only (package-benchmark's throughput counts whole iterations).
    static let mebibytesPerSecond = BenchmarkMetric.custom("MiB/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// Hands the window's edges to package-benchmark, so its wall clock, syscall and malloc counts
/// cover the transfer only, as zctour's own probe does.
final class BenchmarkEdges: MeasurementWindow {
    let benchmark: Benchmark
    init(_ benchmark: Benchmark) { self.benchmark = benchmark }
    func begin() { benchmark.startMeasurement() }
    func end() { benchmark.stopMeasurement() }
}

func registerTransfer(_ contender: Contender, demo: Demo, to kind: SinkKind, size: Int, fixture: Fixture) {
    let name = "\(contender.name) → \(kind.rawValue) · \(describe(bytes: size))"
    Benchmark(name) { benchmark in
        do {
            let sample = try fixture.sample(size)
            let window = ClockWindow(forwardingTo: BenchmarkEdges(benchmark))
            try contender.run(sample, to: kind, in: fixture, buffer: BenchmarkPlan.buffer(for: demo, size: size), window: window)
            let perSecond = Double(size) / Double(max(window.nanoseconds, 1)) * 1e9
            benchmark.measurement(TransferMetric.mebibytesPerSecond, Int(perSecond / Double(1 << 20)))
        } catch {
            benchmark.error("\(name): \(error)")
        }
    }
}
