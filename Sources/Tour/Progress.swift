import Foundation

/// Where the learner is in the tour, and the defaults they chose with `set`, saved in
/// `progress.json` so that the next start resumes there.
public struct Progress: Codable, Sendable, Equatable {
    /// The current lesson's id and the page (section) shown last.
    public var lesson: String?
    public var page: Int
    /// Lessons whose last page was reached.
    public var finished: [String]
    public var defaults: SessionDefaults

    public init() {
        lesson = nil
        page = 0
        finished = []
        defaults = SessionDefaults()
    }

    static let fileName = "progress.json"

    /// The saved progress; a missing file is a first start. A damaged one is set aside
    /// (renamed `.damaged`) and reported, rather than stopping the tour.
    public static func load(from state: StateDirectory) -> (Progress, warning: String?) {
        let path = state.file(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return (Progress(), nil) }
        do {
            return (try JSONDecoder().decode(Progress.self, from: data), nil)
        } catch {
            _ = rename(path, path + ".damaged")
            return (Progress(), "\(path) could not be read, so the tour starts over (the old file is \(path).damaged)")
        }
    }

    public func save(to state: StateDirectory) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try state.write(try encoder.encode(self), to: Progress.fileName)
    }
}

/// Defaults for `run` and `compare` at the prompt, set with `set size|buffer|sink|repeat VALUE`.
/// Kept as typed, checked when set; options given on a command win. Lessons ignore them, so
/// their checks stay exact.
public struct SessionDefaults: Codable, Sendable, Equatable {
    public var size: String?
    public var buffer: String?
    public var sink: String?
    public var repeatCount: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case size, buffer, sink
        case repeatCount = "repeat"
    }

    public static let keys = ["size", "buffer", "sink", "repeat"]

    /// The defaults that parse, and the names of those that do not.
    static func checked(_ defaults: SessionDefaults) -> (SessionDefaults, dropped: [String]) {
        var kept = defaults
        var dropped: [String] = []
        var options = DemoOptions()
        options.size = defaults.size
        if defaults.size != nil, (try? options.parsedSize()) == nil { kept.size = nil; dropped.append("size") }
        options.buffer = defaults.buffer
        if defaults.buffer != nil, (try? options.parsedBuffers()) == nil { kept.buffer = nil; dropped.append("buffer") }
        options.sink = defaults.sink
        if defaults.sink != nil, (try? options.parsedSink()) == nil { kept.sink = nil; dropped.append("sink") }
        options.repeatCount = defaults.repeatCount
        if defaults.repeatCount != nil, (try? options.parsedRepeat()) == nil { kept.repeatCount = nil; dropped.append("repeat") }
        return (kept, dropped)
    }
}
