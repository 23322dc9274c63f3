import ArgumentParser
import Glibc
import ZeroCopy

/// `clear`: clears the screen.
public struct ClearCommand: TourCommand {
    public static let configuration = CommandConfiguration(commandName: "clear", abstract: "Clear the screen.")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }
    public func execute(in context: TourContext) throws {
        if isatty(STDOUT_FILENO) == 1 { context.say("\u{1B}[H\u{1B}[2J\u{1B}[3J", newline: false) }
    }
}
