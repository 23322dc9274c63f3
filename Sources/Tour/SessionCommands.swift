import ArgumentParser
import Glibc
import ZeroCopy

/// `next`: the next section of the tour (or the next lesson).
public struct NextCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "next", abstract: "Show the next section of the tour and run its demos.")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public func execute(in context: TourContext) throws { try context.guide().next(in: context) }
}

/// `prev`: the previous section.
public struct PrevCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "prev", abstract: "Show the previous section of the tour again.",
                                                           aliases: ["previous", "back"])
    @OptionGroup public var output: OutputOptions
    public init() {}
    public func execute(in context: TourContext) throws { try context.guide().previous(in: context) }
}

/// `set KEY VALUE`: a default for later `run` and `compare` commands.
public struct SetCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set a default for run and compare: set size 16M, set buffer 4K, set sink socket, set repeat 3.",
        discussion: "Without a value the default is cleared. Options given on a command win; lessons ignore these defaults.")

    @Argument(help: "size, buffer, sink or repeat.", completion: .list(SessionDefaults.keys))
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
        default:
            throw UsageError("cannot set '\(key)'; set size, buffer, sink or repeat, e.g. set buffer 4K")
        }
        try context.guide().saveDefaults(context)
        context.say(value.map { "\(key.lowercased()) is now \($0) for run and compare" } ?? "\(key.lowercased()) is back to each demo's default")
    }
}

/// `show`: the defaults and where the tour stands.
public struct ShowCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the defaults set with set, and where you are in the tour.")
    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        let d = context.defaults
        let style = context.style
        var table = Table(columns: [Table.Column("", right: false), Table.Column("", right: false)])
        table.add(["size", d.size ?? style.dim("64M (each demo's default)")])
        table.add(["buffer", d.buffer ?? style.dim("64K (sendfile: the whole file per call)")])
        table.add(["sink", d.sink ?? style.dim("null (sendfile: socket)")])
        table.add(["repeat", d.repeatCount ?? style.dim("1")])
        table.add(["tour", guide.isFirstStart ? "not started" : guide.position])
        table.add(["finished", guide.progress.finished.isEmpty ? "no lesson yet" : guide.progress.finished.joined(separator: ", ")])
        table.add(["challenges", guide.challengesDone + " done (progress shows them per lesson)"])
        table.add(["progress", guide.state.file(Progress.fileName)])
        table.add(["lessons", guide.library.directory])
        table.add(["temporary files", "\(Workspace.temporaryRoot)/zctour.* (removed on exit)"])
        context.say(table.render(style: style).split(separator: "\n").dropFirst().joined(separator: "\n"))
    }
}

/// `explain COUNTER`: what a counter means and what it cannot see.
public struct ExplainCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a counter: what it counts and what it cannot see.")

    @Argument(help: "A counter: syscr, rchar, minflt, ...", completion: .list(CounterGlossary.names))
    var counter: String?

    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        let style = context.style
        guard let counter else {
            context.say("Counters: " + CounterGlossary.names.joined(separator: ", ") + "\n" + style.dim("explain COUNTER says what one means."))
            return
        }
        guard let (name, text) = CounterGlossary.text(for: counter) else {
            throw UsageError("no counter '\(counter)'; the counters are \(CounterGlossary.names.joined(separator: ", "))")
        }
        context.say(style.bold(name) + "\n" + MarkdownText.wrap(text, width: min(style.width, 100), first: "  ", rest: "  ").joined(separator: "\n"))
    }
}

/// `reset`: the tour starts over.
public struct ResetCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "reset", abstract: "Forget the progress and the defaults: the tour starts over.")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public func execute(in context: TourContext) throws {
        try context.guide().reset(in: context)
        context.say("Progress and defaults cleared: next starts lesson 1.")
    }
}

/// `clear`: clears the screen.
public struct ClearCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "clear", abstract: "Clear the screen.")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public func execute(in context: TourContext) throws {
        if isatty(STDOUT_FILENO) == 1 { context.say("\u{1B}[H\u{1B}[2J\u{1B}[3J", newline: false) }
    }
}

/// `quit` / `exit`: leaves the prompt (on the command line it does nothing).
public struct QuitCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "quit", abstract: "Leave zctour (Ctrl-D does the same).", aliases: ["exit"])
    @OptionGroup public var output: OutputOptions
    public init() {}
    public func execute(in context: TourContext) throws { context.quitRequested = true }
}

/// `script FILE`: runs a file of commands as the prompt would, echoing each.
public struct ScriptCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "script", abstract: "Run a file of commands (one per line, # for comments) as a transcript.",
        discussion: "Exits with status 1 if any command failed. samples/workshop.zct walks the core lessons.")

    @Argument(help: "The file of commands.", completion: .file())
    var file: String

    @OptionGroup public var output: OutputOptions
    public init() {}

    public func execute(in context: TourContext) throws {
        guard context.scriptDepth < PromptLoop.maximumScriptDepth else {
            throw UsageError("scripts nest more than \(PromptLoop.maximumScriptDepth) deep; does \(file) run itself?")
        }
        guard let handle = fopen(file, "r") else {
            throw UsageError("cannot read the script \(file): \(String(cString: strerror(errno)))")
        }
        var lines: [String] = []
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        while getline(&line, &capacity, handle) >= 0 {
            if let line { lines.append(String(cString: line)) }
        }
        free(line)
        fclose(handle)
        context.scriptDepth += 1
        let wasGuided = context.guided
        defer {
            context.scriptDepth -= 1
            context.guided = wasGuided
            context.quitRequested = false  // quit ends the script, not the session that ran it
        }
        let (failures, signal) = PromptLoop(context: context).runTranscript(lines)
        if let signal { throw Interrupted(signal: signal) }
        if failures > 0 { throw RuntimeFailure("\(failures) command\(failures == 1 ? "" : "s") of \(file) failed") }
    }
}
