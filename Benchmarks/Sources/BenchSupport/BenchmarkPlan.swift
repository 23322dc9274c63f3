import ZeroCopy

/// What the benchmarks compare, in one place for the package-benchmark suite and the goals
/// check: every file demo zctour has (through `Demo.all`, so a new demo joins by itself),
/// against its C loop, into every sink, at 64 MiB.
public enum BenchmarkPlan {
    public static let size = 64 << 20
    /// The smaller run of the malloc-independence goal: same demo, 1/64 of the bytes.
    public static let smallSize = 1 << 20
    /// The piece size of the in-memory copy/slice pair, as in the Go benchmark lesson 3 retells.
    public static let piece = 64 << 10

    /// Every demo that moves the sample: into a sink, served over HTTP, received from a socket.
    public static var fileDemos: [Demo] { Demo.all.filter(\.usesSample) }

    /// The per-chunk or per-call size a demo uses by default, for the Swift demo and its C loop alike.
    public static func buffer(for demo: Demo, size: Int = size) -> Int { demo.defaultBuffer(size: size) }

    /// Runs `contender` once on a small sample to learn whether it takes a sink of `kind` (the
    /// copy-file-range demo refuses a socket, as the kernel would); the reason when it does not.
    public static func unsupported(_ contender: Contender, to kind: SinkKind, in fixture: Fixture) -> String? {
        guard contender.demo.sinks.contains(kind) else { return "\(NotATransfer(demo: contender.demo.id, sink: kind))" }
        do {
            let sample = try fixture.sample(smallSize)
            try contender.run(
                sample, to: kind, in: fixture, buffer: buffer(for: contender.demo, size: smallSize), window: UnmeasuredWindow())
            return nil
        } catch {
            return "\(error)"
        }
    }
}
