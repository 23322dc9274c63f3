import BenchSupport
import Benchmark
import Glibc
import ZeroCopy

/// In memory: `copy` against `slice`, a 64 MiB region walked in 64 KiB pieces (Go's
/// `make`+`copy` against `src[i:j]`), and the memcpy limit the file techniques are held against,
/// the same one `compare`, `sweep` and `choose` show.
func registerMemory(fixture _: Fixture) {
    let region = SampleFile.bytes(count: BenchmarkPlan.size)
    let expected = region.withUnsafeBytes { Checksum.of($0) }
    for demo in Demo.all {
        guard case .pieces(let walk) = demo.run else { continue }
        let name = demo.id
        let label = "\(name) (Swift) · \(describe(bytes: BenchmarkPlan.size)) in \(describe(bytes: BenchmarkPlan.piece)) pieces"
        Benchmark(label) { benchmark in
            do {
                let result = try walk(region, BenchmarkPlan.piece, expected, BenchmarkEdges(benchmark))
                try result.verification.require()
            } catch {
                benchmark.error("\(label): \(error)")
            }
        }
    }
    // The limit as the tour measures it (ZeroCopy's MemoryLimit): each byte read once from
    // memory and memcpy'd into a 64 KiB buffer that stays in cache, faulted in before the window.
    let limit = "memcpy (limit) · \(describe(bytes: BenchmarkPlan.size)) into a \(describe(bytes: MemoryLimit.chunk)) buffer"
    Benchmark(limit) { benchmark in
        do {
            try MemoryLimit.copy(size: BenchmarkPlan.size, window: BenchmarkEdges(benchmark)).require()
        } catch {
            benchmark.error("\(limit): \(error)")
        }
    }
}
