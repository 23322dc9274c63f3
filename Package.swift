// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "zctour",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "zctour", targets: ["zctour"]),
        .library(name: "ZeroCopy", targets: ["ZeroCopy"]),
        .library(name: "Probe", targets: ["Probe"]),
        .library(name: "Tour", targets: ["Tour"]),
    ],
    dependencies: [
        // The one dependency: one command table for the command line and, later, the prompt.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // CShims wraps libedit's variadic el_set()/history() too, so it links libedit.
        .target(name: "CShims", linkerSettings: [.linkedLibrary("edit"), .linkedLibrary("util")]),
        // The malloc interposer behind the allocation counts, linked only where Probe is.
        .target(name: "CAllocCounter"),
        // Each demo's technique as a plain C loop: the benchmarks' yardstick, the tests' witness.
        .target(name: "CYardstick", cSettings: [.define("_GNU_SOURCE")]),
        .target(name: "ZeroCopy", dependencies: ["CShims", "CYardstick"]),
        .target(name: "Probe", dependencies: ["CShims", "CAllocCounter"]),
        .target(
            name: "Tour",
            dependencies: [
                "ZeroCopy", "Probe", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "zctour", dependencies: ["Tour"]),
        .testTarget(name: "ZeroCopyTests", dependencies: ["ZeroCopy"]),
        .testTarget(name: "ProbeTests", dependencies: ["Probe", "ZeroCopy"]),
        .testTarget(name: "TourTests", dependencies: ["Tour"]),
        .testTarget(name: "zctourTests", dependencies: ["zctour", "CShims"]),
    ],
    swiftLanguageModes: [.v6]
)
