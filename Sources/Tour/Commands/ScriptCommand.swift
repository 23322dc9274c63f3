import ArgumentParser
import Glibc
import ZeroCopy

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
        guard context.script.depth < PromptLoop.maximumScriptDepth else {
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
        context.script.depth += 1
        let mode = context.mode
        defer {
            context.script.depth -= 1
            context.mode = mode
            context.script.quitRequested = false  // quit ends the script, not the session that ran it
        }
        let (failures, signal) = PromptLoop(context: context).runTranscript(lines)
        if let signal { throw Interrupted(signal: signal) }
        if failures > 0 { throw RuntimeFailure("\(failures) command\(failures == 1 ? "" : "s") of \(file) failed") }
    }
}
