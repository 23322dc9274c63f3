import Glibc
import ZeroCopy

/// The files runs share within one invocation or prompt session: the private temporary
/// directory (made on first need, removed by `close()`), the sample file of each size written so
/// far, and the one in-memory region the memory demos walk.
public final class SampleCache {
    private var workspace: Workspace?
    private var files: [Int: SampleFile] = [:]
    /// The learners' files read so far, by path, with the checksum of the state they were in.
    private var learners: [String: SampleFile] = [:]
    private var region: (size: Int, bytes: [UInt8], checksum: UInt64)?
    /// Told when a sample is being written, so a terminal can say why there is a pause.
    var onPreparing: ((String) -> Void)?

    public init() {}

    deinit { close() }

    /// Removes the temporary directory and everything in it.
    public func close() {
        workspace?.remove()
        workspace = nil
        files = [:]
        learners = [:]
    }

    /// The directory of this session's files, if one was made.
    public var directory: String? { workspace?.path }

    /// The sizes of the sample files that exist now, which a new run need not write again.
    var sizes: Set<Int> { Set(files.keys) }

    public func requireWorkspace() throws -> Workspace {
        if let workspace { return workspace }
        do {
            let made = try Workspace()
            workspace = made
            return made
        } catch {
            throw RuntimeFailure(String(describing: error))
        }
    }

    /// The sample file of `size` bytes, written now if this session has none yet.
    func file(size: Int) throws -> SampleFile {
        if let sample = files[size] { return sample }
        let space = try requireWorkspace()
        onPreparing?("writing a \(ByteSize.format(size)) sample file in \(space.path)")
        let written = ProgressCounter()
        let sample = try ProgressLine.shared.track("writing the sample file", counter: written, total: size) { _ in
            try SampleFile.create(at: space.file("sample-\(ByteSize.compact(size)).bin"), size: size, progress: written)
        }
        files[size] = sample
        return sample
    }

    /// The learner's file as a run's source: read once for its checksum, and again only when it
    /// has changed since (another size, time or inode), so the rows of a comparison share one read.
    func sample(of file: LearnerFile) throws -> SampleFile {
        if let known = learners[file.path], known.learner == file {
            try file.checkUnchanged()
            return known
        }
        onPreparing?("reading \(file.path) once for the checksum its copies are held to")
        let sample = try file.sample()
        learners[file.path] = sample
        return sample
    }

    /// The sample content as a region in memory, with its checksum; only the latest size is
    /// kept, since a region may be as large as a file.
    func region(size: Int) -> (bytes: [UInt8], checksum: UInt64) {
        if let region, region.size == size { return (region.bytes, region.checksum) }
        let bytes = SampleFile.bytes(count: size)
        let made = (size: size, bytes: bytes, checksum: bytes.withUnsafeBytes { Checksum.of($0) })
        region = made
        return (made.bytes, made.checksum)
    }
}
