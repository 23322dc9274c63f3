import Foundation

/// Defaults for `run` and `compare` at the prompt, set with `set size|buffer|sink|repeat VALUE`.
/// Kept as typed, checked when set; options given on a command win. Lessons ignore them, so
/// their checks stay exact. `set lang zh|en` is kept here too: the tour's language at the
/// prompt, over the locale, under a command line's `--lang`.
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

    /// The defaults that parse, and the names of those set that do not (an unset one is fine:
    /// `try?` flattens its nil into a failure, so only set values are tested).
    static func checked(_ defaults: SessionDefaults) -> (SessionDefaults, dropped: [String]) {
        var kept = defaults
        var dropped: [String] = []
        var options = DemoOptions()
        options.size = defaults.size
        if defaults.size != nil, (try? options.parsedSize()) == nil {
            kept.size = nil
            dropped.append("size")
        }
        options.buffer = defaults.buffer
        if defaults.buffer != nil, (try? options.parsedBuffers()) == nil {
            kept.buffer = nil
            dropped.append("buffer")
        }
        options.sink = defaults.sink
        if defaults.sink != nil, (try? options.parsedSink()) == nil {
            kept.sink = nil
            dropped.append("sink")
        }
        options.repeatCount = defaults.repeatCount
        if defaults.repeatCount != nil, (try? options.parsedRepeat()) == nil {
            kept.repeatCount = nil
            dropped.append("repeat")
        }
        if let lang = defaults.lang, Language(named: lang) == nil {
            kept.lang = nil
            dropped.append("lang")
        }
        return (kept, dropped)
    }
}
