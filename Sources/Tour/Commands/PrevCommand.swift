import ArgumentParser
import Glibc
import ZeroCopy

/// `prev`: the previous section.
public struct PrevCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "prev", abstract: "Show the previous section of the tour again.",
        aliases: ["previous", "back"])
    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }
    public func execute(in context: TourContext) throws { try context.guide().previous(in: context) }
}
