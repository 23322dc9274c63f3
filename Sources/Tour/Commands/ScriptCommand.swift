import ArgumentParser
import Glibc
import Syscalls
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

    /// Far more than any list of commands: a larger file is not a script.
    static let largestScript = 1 << 20

    public func execute(in context: TourContext) throws {
        guard context.script.depth < PromptLoop.maximumScriptDepth else {
            throw UsageError("scripts nest more than \(PromptLoop.maximumScriptDepth) deep; does \(file) run itself?")
        }
        let text: [UInt8]
        do {
            text = try Syscall.readAll(path: file, limit: ScriptCommand.largestScript)
        } catch let error as SystemError {
            throw UsageError("cannot read the script \(file): \(error.reason)")
        } catch let error as ReadLimitExceeded {
            throw UsageError(
                "cannot read the script \(file): it is larger than \(ByteSize.format(error.limit)); a script is a list of commands")
        }
        let lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
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
