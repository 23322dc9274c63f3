import ArgumentParser
import Glibc
import ZeroCopy

/// `next`: the next section of the tour (or the next lesson).
public struct NextCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "next", abstract: "Show the next section of the tour and run its demos.")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }
    public func execute(in context: TourContext) throws { try context.guide().next(in: context) }
}
