import Glibc
import ZeroCopy

/// The samples every benchmark moves, written once into one private directory: the page cache
/// holds them afterwards, so every run reads a warm cache, as the goals require.
public final class Fixture: @unchecked Sendable {
    public let workspace: Workspace
    private var samples: [Int: SampleFile] = [:]

    public init() throws {
        workspace = try Workspace()
    }

    /// The sample of `size` bytes, created on first use.
    public func sample(_ size: Int) throws -> SampleFile {
        if let sample = samples[size] { return sample }
        let sample = try SampleFile.create(at: workspace.file("sample-\(size).bin"), size: size)
        samples[size] = sample
        return sample
    }

    /// Removes the directory when the process exits, for holders that never let go of the
    /// fixture: package-benchmark starts its program once per benchmark, and a closure that
    /// captured the fixture lives until exit, so `deinit` would never run.
    public func removeAtExit() {
        if workspacesToRemove.isEmpty {
            atexit { for workspace in workspacesToRemove { workspace.remove() } }
        }
        workspacesToRemove.append(workspace)
    }

    deinit { workspace.remove() }
}

/// The workspaces `removeAtExit` promised to remove; touched only on the main thread, at
/// registration and at exit.
nonisolated(unsafe) private var workspacesToRemove: [Workspace] = []

/// Sizes as the README writes them.
public func describe(bytes: Int) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) B"
}
