import Foundation

/// `Data(contentsOf:options:)` with the options that name mapping (swift-foundation,
/// Data+Reading.swift, `shouldMapFileDescriptor`): `.alwaysMapped` maps the file with one
/// mmap(2) and reads nothing, so the bytes arrive by page faults, as in lesson 4's `mmap`;
/// `.mappedIfSafe` maps only where Foundation's checks for safety exist, which on Linux they do
/// not, so it reads the whole file exactly as the plain `Data(contentsOf:)` does.
public enum FoundationMapped {
    static func runAlwaysMapped(_ transfer: Transfer) throws -> TransferReport {
        try FoundationData.load(transfer, options: .alwaysMapped, demo: .foundationMapped)
    }

    static func runMappedIfSafe(_ transfer: Transfer) throws -> TransferReport {
        try FoundationData.load(transfer, options: .mappedIfSafe, demo: .foundationIfSafe)
    }
}

extension Demo {
    public static let foundationMapped = Demo(
        id: "foundation-mapped", summary: "Data(contentsOf:options: .alwaysMapped): the file mapped with mmap(2), then written on",
        run: .transfer(FoundationMapped.runAlwaysMapped), options: [.size, .to, .cold],
        reasons: [
            .buffer: "it uses the mapping of the whole file, no buffer",
            .direct: "a mapping always goes through the page cache; O_DIRECT does nothing to mmap",
        ],
        defaultSink: .null, defaultBuffer: { size in size }, memory: { _, _ in 0 }, library: "Foundation")

    public static let foundationIfSafe = Demo(
        id: "foundation-if-safe", summary: "Data(contentsOf:options: .mappedIfSafe): asks for a mapping, gets a read(2) on Linux",
        run: .transfer(FoundationMapped.runMappedIfSafe), options: [.size, .to, .cold],
        reasons: [
            .buffer: "Data(contentsOf:) reads the whole file into one buffer of the file's size",
            .direct: "Foundation opens the file itself, never with O_DIRECT",
        ],
        defaultSink: .null, defaultBuffer: { size in size }, memory: { size, _ in size }, library: "Foundation")
}
