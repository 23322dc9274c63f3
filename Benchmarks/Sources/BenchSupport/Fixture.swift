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

    deinit { workspace.remove() }
}

/// Sizes as the README writes them.
public func describe(bytes: Int) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) B"
}
