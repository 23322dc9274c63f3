import ArgumentParser
import Glibc
import ZeroCopy

/// `quit` / `exit`: leaves the prompt (on the command line it does nothing).
public struct QuitCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "quit", abstract: "Leave zctour (Ctrl-D does the same).", aliases: ["exit"])
    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }
    public func execute(in context: TourContext) throws { context.script.quitRequested = true }
}
