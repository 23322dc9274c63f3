import ZeroCopy

/// What the benchmarks compare, in one place for the package-benchmark suite and the goals
/// check: every file demo zctour has (through `Demo.allCases`, so a new demo joins by itself),
/// against its C loop, into every sink, at 64 MiB.
public enum BenchmarkPlan {
    public static let size = 64 << 20
    /// The smaller run of the malloc-independence goal: same demo, 1/64 of the bytes.
    public static let smallSize = 1 << 20
    /// The piece size of the in-memory copy/slice pair, as in the Go benchmark lesson 3 retells.
    public static let piece = 64 << 10

    public static var fileDemos: [Demo] { Demo.allCases.filter { $0.technique != nil } }

    /// The per-chunk or per-call size a demo uses by default, for the Swift demo and its C loop alike.
    public static func buffer(for demo: Demo, size: Int = size) -> Int { demo.defaultBuffer(size: size) }

    /// Runs `contender` once on a small sample to learn whether it takes a sink of `kind` (the
    /// copy-file-range demo refuses a socket, as the kernel would); the reason when it does not.
    public static func unsupported(_ contender: Contender, to kind: SinkKind, in fixture: Fixture) -> String? {
        do {
            let sample = try fixture.sample(smallSize)
            let demo: Demo? = if case .swift(let demo) = contender { demo } else { nil }
            let perCall = demo.map { buffer(for: $0, size: smallSize) } ?? (64 << 10)
            try contender.run(sample, to: kind, in: fixture, buffer: perCall, window: UnmeasuredWindow())
            return nil
        } catch {
            return "\(error)"
        }
    }
}
