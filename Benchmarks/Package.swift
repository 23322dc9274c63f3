// swift-tools-version:6.1
import PackageDescription

// The benchmark harness, a package of its own so that `swift build` and `swift test` at the root
// never build it (package-benchmark and its dependencies take minutes on two cores). Run it with
// `swift package benchmark` here, or `make bench` at the root.
let package = Package(
    name: "zctour-benchmarks",
    dependencies: [
        .package(name: "zctour", path: ".."),
        // MallocInterposer only: the default RuntimeInterposer trait needs a package that is not
        // mirrored here, and ARC counts are not what these benchmarks are about.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Contenders, samples and windows, shared by the suite and the goals check; links the
        // techniques only, never Probe, so it carries no malloc of its own.
        .target(
            name: "BenchSupport",
            dependencies: [.product(name: "ZeroCopy", package: "zctour")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // package-benchmark's suite: throughput, syscalls and mallocs per technique and sink.
        .executableTarget(
            name: "Transfers",
            dependencies: [
                "BenchSupport",
                .product(name: "ZeroCopy", package: "zctour"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Transfers",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The goals, checked as ratios measured in one interleaved run; exits 1 when one is missed.
        // It links zctour's own Probe (and with it zctour's allocation counter) and Tour, and not
        // package-benchmark, so exactly one malloc interposer is in the binary.
        .executableTarget(
            name: "zctour-goals",
            dependencies: [
                "BenchSupport",
                .product(name: "Syscalls", package: "zctour"),
                .product(name: "ZeroCopy", package: "zctour"),
                .product(name: "Probe", package: "zctour"),
                .product(name: "Tour", package: "zctour"),
                .product(name: "TestSupport", package: "zctour"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // A Foundation "hello": what any Swift binary like zctour pays before its first line.
        .executableTarget(name: "startup-floor", swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
