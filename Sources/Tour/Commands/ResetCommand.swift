import ArgumentParser
import Glibc
import ZeroCopy

/// `reset`: the tour starts over.
public struct ResetCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Forget the progress and the defaults: the tour starts over.")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public func execute(in context: TourContext) throws {
        try context.guide().reset(in: context)
        context.say("Progress and defaults cleared: next starts lesson 1.")
    }
}
