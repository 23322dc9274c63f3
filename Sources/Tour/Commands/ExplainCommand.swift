import ArgumentParser
import Glibc
import ZeroCopy

/// `explain COUNTER`: what a counter means and what it cannot see.
public struct ExplainCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain a counter: what it counts and what it cannot see.")

    @Argument(help: "A counter: syscr, rchar, minflt, ...", completion: .list(CounterGlossary.names))
    var counter: String?

    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }

    public func execute(in context: TourContext) throws {
        let style = context.style
        guard let counter else {
            context.say(
                "Counters: " + CounterGlossary.names.joined(separator: ", ") + "\n" + style.dim("explain COUNTER says what one means."))
            return
        }
        guard let (name, text) = CounterGlossary.text(for: counter) else {
            throw UsageError("no counter '\(counter)'; the counters are \(CounterGlossary.names.joined(separator: ", "))")
        }
        context.say(
            style.bold(name) + "\n" + TextWrapper.wrap(text, width: style.proseWidth, first: "  ", rest: "  ").joined(separator: "\n")
        )
    }
}
