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
        // Every line is checked before the first runs: a file that holds one that is not a
        // command line (binary, a control character, too long) is not a script.
        var lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            do { _ = try CommandLineText.text(line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : line) } catch {
                throw UsageError("\(file), line \(index + 1) \(error); nothing in it was run")
            }
        }
        context.script.depth += 1
        let mode = context.mode
        defer {
            context.script.depth -= 1
            context.mode = mode
            context.script.quitRequested = false  // quit ends the script, not the session that ran it
        }
        var remaining = lines.enumerated().makeIterator()
        let result = PromptLoop(context: context).runTranscript(source: file) {
            remaining.next().map { (number: $0.offset + 1, bytes: $0.element) }
        }
        if let signal = result.signal { throw ScriptInterrupted(signal: signal) }
        if let problem = result.inputError { throw UsageError(problem) }
        if result.failures > 0 {
            throw RuntimeFailure("\(result.failures) command\(result.failures == 1 ? "" : "s") of \(file) failed")
        }
    }
}
