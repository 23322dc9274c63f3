import Foundation
import Syscalls

/// Foundation's `Data(contentsOf:)` (swift-foundation, Data+Reading.swift): it opens and stats
/// the file, allocates a buffer of the file's size and fills it with one read(2) of the whole
/// file (the kernel copies every byte into user space once), then the demo hands the bytes on
/// with write(2), as a program that loads a file to send it would. Lesson 4's `pread` in one
/// line of Swift. Only the `.alwaysMapped` option maps the file instead (FoundationMapped.swift).
public enum FoundationData {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        try load(transfer, options: [], demo: .foundationData)
    }

    /// Loads the sample with `options` inside the window and writes the Data's bytes to the sink.
    static func load(_ transfer: Transfer, options: Data.ReadingOptions, demo: Demo) throws -> TransferReport {
        let url = URL(fileURLWithPath: transfer.sample.path)
        if let learner = transfer.sample.learner { try learner.checkUnchanged() }
        _ = try transfer.measure {
            let data: Data
            do {
                data = try Data(contentsOf: url, options: options)
            } catch {
                try Interruption.check()
                throw LibraryCallFailed(call: "Data(contentsOf:)", error: error)
            }
            return try data.withUnsafeBytes { try transfer.sink.deliver($0) }
        }
        return TransferReport(calls: 0, notes: [demo.insideNote])
    }
}

extension Demo {
    public static let foundationData = Demo(
        id: "foundation-data", summary: "Foundation's Data(contentsOf:): the whole file in one read(2), then written on",
        run: .transfer(FoundationData.run), options: [.size, .to, .cold],
        reasons: [
            .buffer: "Data(contentsOf:) reads the whole file into one buffer of the file's size",
            .direct: "Foundation opens the file itself, never with O_DIRECT",
        ],
        defaultSink: .null, defaultBuffer: { size in size }, memory: { size, _ in size }, library: "Foundation")
}
