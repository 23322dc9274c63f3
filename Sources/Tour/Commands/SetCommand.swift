import ArgumentParser
import Glibc
import ZeroCopy

/// `set KEY VALUE`: a default for later `run` and `compare` commands.
public struct SetCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "set",
        abstract:
            "Set a default for run and compare: set size 16M, set buffer 4K, set sink socket, set repeat 3; or the language: set lang zh.",
        discussion: "Without a value the default is cleared. Options given on a command win; lessons ignore these defaults.")

    @Argument(help: "size, buffer, sink, repeat or lang.", completion: .list(SessionDefaults.keys))
    var key: String

    @Argument(help: "The value, e.g. 16M, 4K, socket, 3.")
    var value: String?

    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }

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
        let key = try SessionDefaults.Key(self.key)
        let kept = try SessionDefaults.validated(key, value)
        // The saved defaults first, so this one is added to them rather than replacing them all.
        let guide = try context.guide()
        context.defaults[key] = kept
        guide.saveDefault(key, kept, in: context)
        let lasting = context.unsavedState == nil ? "" : " until zctour ends (it could not be saved)"
        if key == .lang {
            Language.choose(kept.flatMap(Language.init(named:)))
            context.say(Strings.languageSet(Language.current, cleared: kept == nil) + lasting)
            return
        }
        context.say(
            kept.map { "\(key.rawValue) is now \($0) for run and compare\(lasting)" }
                ?? "\(key.rawValue) is back to each demo's default\(lasting)")
    }
}
