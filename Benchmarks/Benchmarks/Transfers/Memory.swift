import Benchmark
import BenchSupport
import Glibc
import ZeroCopy

/// In memory: `copy` against `slice`, a 64 MiB region walked in 64 KiB pieces (Go's
/// `make`+`copy` against `src[i:j]`), and the memcpy of 64 MiB that is the limit the file
/// techniques are held against.
func registerMemory(fixture _: Fixture) {
    let region = SampleFile.bytes(count: BenchmarkPlan.size)
    let expected = region.withUnsafeBytes { Checksum.of($0) }
    let walks: [(String, ([UInt8], Int, UInt64, MeasurementWindow) throws -> Views.Walk)] = [
        ("copy", Views.copyPieces), ("slice", Views.slicePieces),
    ]
    for (name, walk) in walks {
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
    Benchmark("memcpy (C) · \(describe(bytes: BenchmarkPlan.size)), the limit") { benchmark in
        let size = BenchmarkPlan.size
        // Both buffers touched before the window, so it holds the copy and no page fault.
        let from = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        let to = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        defer {
            from.deallocate()
            to.deallocate()
        }
        memset(from, 1, size)
        memset(to, 2, size)
        benchmark.startMeasurement()
        memcpy(to, from, size)
        benchmark.stopMeasurement()
        blackHole(to.load(fromByteOffset: size - 1, as: UInt8.self))
    }
}
