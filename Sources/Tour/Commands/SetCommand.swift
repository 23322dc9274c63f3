import ArgumentParser
import Glibc
import ZeroCopy

/// `set KEY VALUE`: a default for later `run` and `compare` commands.
public struct SetCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a default for run and compare: set size 16M, set buffer 4K, set sink socket, set repeat 3; or the language: set lang zh.",
        discussion: "Without a value the default is cleared. Options given on a command win; lessons ignore these defaults.")

    @Argument(help: "size, buffer, sink, repeat or lang.", completion: .list(SessionDefaults.keys))
    var key: String

    @Argument(help: "The value, e.g. 16M, 4K, socket, 3.")
    var value: String?

    @OptionGroup public var output: OutputOptions
    public init() {}

    /// Values worth offering for a key, for completion.
    public static func suggestions(for key: String) -> [String] {
        switch key {
        case "size": DemoOptions.commonSizes
        case "buffer": DemoOptions.commonBuffers
        case "sink": SinkKind.allCases.map(\.rawValue)
        case "repeat": ["1", "3", "5", "10"]
        case "lang": Language.allCases.map(\.rawValue)
        default: []
        }
    }

    public func execute(in context: TourContext) throws {
        var options = DemoOptions()
        switch key.lowercased() {
        case "size":
            options.size = value
            if let size = try options.parsedSize(), size < 1 { throw UsageError("size must be at least 1 byte, not 0") }
            context.defaults.size = value
        case "buffer":
            options.buffer = value
            if let buffers = try options.parsedBuffers() {
                guard buffers.count == 1, let buffer = buffers.first, buffer >= 1, buffer <= RunSettings.maximumBuffer else {
                    throw UsageError("buffer must be one size from 1 byte to 1G, e.g. set buffer 4K")
                }
            }
            context.defaults.buffer = value
        case "sink", "to":
            options.sink = value
            _ = try options.parsedSink()
            context.defaults.sink = value?.lowercased()
        case "repeat":
            options.repeatCount = value
            if let count = try options.parsedRepeat(), count < 1 || count > RunSettings.maximumRepeat {
                throw UsageError("repeat must be between 1 and \(RunSettings.maximumRepeat), not \(count)")
            }
            context.defaults.repeatCount = value
        case "lang":
            let language = try value.map(Language.parse)
            context.defaults.lang = language?.rawValue
            Language.choose(language)
        default:
            throw UsageError("cannot set '\(key)'; set size, buffer, sink, repeat or lang, e.g. set buffer 4K")
        }
        try context.guide().saveDefaults(context)
        if key.lowercased() == "lang" {
            context.say(Strings.languageSet(Language.current, cleared: value == nil))
            return
        }
        context.say(
            value.map { "\(key.lowercased()) is now \($0) for run and compare" } ?? "\(key.lowercased()) is back to each demo's default")
    }
}
