// swift-tools-version:6.1
import PackageDescription

// Linux only: the tour reads /proc (thread-self/io, stat, maps), and its techniques are Linux's
// (sendfile's and splice's semantics, copy_file_range, MSG_ZEROCOPY, io_uring), so no other
// platform is declared.

let package = Package(
    name: "zctour",
    products: [
        .executable(name: "zctour", targets: ["zctour"]),
        .library(name: "Syscalls", targets: ["Syscalls"]),
        .library(name: "ZeroCopy", targets: ["ZeroCopy"]),
        .library(name: "Probe", targets: ["Probe"]),
        .library(name: "Tour", targets: ["Tour"]),
        // Starting the built binary as a user would (fork and execve, a pseudo-terminal) and the
        // fixtures' paths: for the tests, and for the benchmarks' start-up check (Benchmarks/ is
        // a package of its own, which reaches only products). zctour never links it.
        .library(name: "TestSupport", targets: ["TestSupport"]),
    ],
    dependencies: [
        // The one dependency: one command table for the command line and, later, the prompt.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // libedit, the one way it comes in: its headers and library from pkg-config (the module
        // map's `link "edit"` where pkg-config is missing).
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Non-variadic wrappers for libedit's el_set()/history(), which Swift cannot call.
        .target(name: "CEditLineShims", dependencies: ["CEditLine"]),
        // What Glibc's Swift module hides. _GNU_SOURCE is defined here, once, for all of its C
        // files (as CNIOLinux does); the files that need it stop the build if it is missing.
        .target(name: "CShims", cSettings: [.define("_GNU_SOURCE")]),
        // The malloc interposer behind the allocation counts, linked only where Probe is.
        .target(name: "CAllocCounter"),
        // io_uring on the raw syscalls (no liburing): the rings, their barriers, the SQEs in C.
        .target(name: "CUring", cSettings: [.define("_GNU_SOURCE")]),
        // Each demo's technique as a plain C loop: the benchmarks' yardstick, the tests' witness.
        .target(name: "CYardstick", dependencies: ["CUring"], cSettings: [.define("_GNU_SOURCE")]),
        // The one syscall layer: EINTR, errno, typed errors, whole reads and writes, atomic files.
        .target(name: "Syscalls", dependencies: ["CShims"]),
        .target(name: "ZeroCopy", dependencies: ["CShims", "CUring", "CYardstick", "Syscalls"]),
        .target(name: "Probe", dependencies: ["CShims", "CAllocCounter", "Syscalls"]),
        .target(
            name: "Tour",
            dependencies: [
                "Syscalls", "ZeroCopy", "Probe", "CEditLine", "CEditLineShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "zctour", dependencies: ["Tour"]),
        // Test support, kept out of the production targets: fork/exec and forkpty (so -lutil)
        // in C, and in Swift the process helpers, how a child ended, and the fixtures' paths.
        .target(name: "CTestSupport", path: "Tests/CTestSupport", linkerSettings: [.linkedLibrary("util")]),
        .target(name: "TestSupport", dependencies: ["CTestSupport"], path: "Tests/TestSupport"),
        .testTarget(name: "SyscallsTests", dependencies: ["Syscalls", "CShims"]),
        .testTarget(name: "ZeroCopyTests", dependencies: ["ZeroCopy", "TestSupport"]),
        .testTarget(name: "ProbeTests", dependencies: ["Probe", "ZeroCopy"]),
        .testTarget(name: "TourTests", dependencies: ["Tour", "TestSupport"]),
        .testTarget(name: "zctourTests", dependencies: ["zctour", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
