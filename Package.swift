// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "zctour",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "zctour", targets: ["zctour"]),
        .library(name: "Syscalls", targets: ["Syscalls"]),
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
        // The one syscall layer: EINTR, errno, typed errors, whole reads and writes, atomic files.
        .target(name: "Syscalls", dependencies: ["CShims"]),
        .target(name: "ZeroCopy", dependencies: ["CShims", "CYardstick", "Syscalls"]),
        .target(name: "Probe", dependencies: ["CShims", "CAllocCounter", "Syscalls"]),
        .target(
            name: "Tour",
            dependencies: [
                "Syscalls", "ZeroCopy", "Probe", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "zctour", dependencies: ["Tour"]),
        .testTarget(name: "SyscallsTests", dependencies: ["Syscalls", "CShims"]),
        .testTarget(name: "ZeroCopyTests", dependencies: ["ZeroCopy", "Syscalls"]),
        .testTarget(name: "ProbeTests", dependencies: ["Probe", "ZeroCopy"]),
        .testTarget(name: "TourTests", dependencies: ["Tour"]),
        .testTarget(name: "zctourTests", dependencies: ["zctour", "CShims"]),
    ],
    swiftLanguageModes: [.v6]
)
