import Foundation

/// Defaults for `run` and `compare` at the prompt, set with `set size|buffer|sink|repeat VALUE`.
/// Kept as typed, checked when set and again when read back from the progress file (one check
/// for both, so a hand-edited `"buffer": "0"` is refused as `set buffer 0` is); options given on
/// a command win. Lessons ignore them, so their checks stay exact. `set lang zh|en` is kept
/// here too: the tour's language at the prompt, over the locale, under a command line's `--lang`.
public struct SessionDefaults: Codable, Sendable, Equatable {
    public var size: String?
    public var buffer: String?
    public var sink: String?
    public var repeatCount: String?
    public var lang: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case size, buffer, sink, lang
        case repeatCount = "repeat"
    }

    public static let keys = ["size", "buffer", "sink", "repeat", "lang"]

    /// A key `set` takes.
    enum Key: String, CaseIterable {
        case size, buffer, sink
        case repeatCount = "repeat"
        case lang

        /// `to` is the option's own name for the sink.
        init(_ name: String) throws(UsageError) {
            let lowered = name.lowercased()
            guard let key = Key(rawValue: lowered == "to" ? "sink" : lowered) else {
                throw UsageError("cannot set '\(name)'; set size, buffer, sink, repeat or lang, e.g. set buffer 4K")
            }
            self = key
        }
    }

    subscript(key: Key) -> String? {
        get {
            switch key {
            case .size: size
            case .buffer: buffer
            case .sink: sink
            case .repeatCount: repeatCount
            case .lang: lang
            }
        }
        set {
            switch key {
            case .size: size = newValue
            case .buffer: buffer = newValue
            case .sink: sink = newValue
            case .repeatCount: repeatCount = newValue
            case .lang: lang = newValue
            }
        }
    }

    /// The value as it is kept, or the one line that says why `set` refuses it. Nil clears.
    static func validated(_ key: Key, _ value: String?) throws(UsageError) -> String? {
        guard let value else { return nil }
        var options = DemoOptions()
        switch key {
        case .size:
            options.size = value
            if let size = try options.parsedSize(), size < 1 { throw UsageError("size must be at least 1 byte, not 0") }
        case .buffer:
            options.buffer = value
            if let buffers = try options.parsedBuffers() {
                guard buffers.count == 1, let buffer = buffers.first, buffer >= 1, buffer <= RunSettings.maximumBuffer else {
                    throw UsageError("buffer must be one size from 1 byte to 1G, e.g. set buffer 4K")
                }
            }
        case .sink:
            options.sink = value
            _ = try options.parsedSink()
            return value.lowercased()
        case .repeatCount:
            options.repeatCount = value
            if let count = try options.parsedRepeat(), count < 1 || count > RunSettings.maximumRepeat {
                throw UsageError("repeat must be between 1 and \(RunSettings.maximumRepeat), not \(count)")
            }
        case .lang:
            return try Language.parse(value).rawValue
        }
        return value
    }

    /// The defaults `set` would accept, and a note naming those it would not (nil when all
    /// are fine): they are ignored, and left in the file for the learner to fix.
    static func checked(_ defaults: SessionDefaults) -> (SessionDefaults, note: String?) {
        var kept = defaults
        var dropped: [String] = []
        for key in Key.allCases {
            do { _ = try validated(key, defaults[key]) } catch {
                kept[key] = nil
                dropped.append("\(key.rawValue) \(defaults[key].map { "'\($0.abbreviated)'" } ?? "") (\(error))")
            }
        }
        guard !dropped.isEmpty else { return (kept, nil) }
        return (kept, "ignored the saved default\(dropped.count == 1 ? "" : "s") " + dropped.joined(separator: "; "))
    }
}
