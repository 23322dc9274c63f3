import ArgumentParser

/// `predict N`: a guess for the tour's next prediction, for when nobody can be asked (a
/// script, a pipe, `zctour predict 257 && zctour next`).
public struct PredictCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Give your guess for the next prediction the tour asks (predict 257, predict 16M).")

    @Argument(help: "A whole number (size suffixes allowed); without it, the guess is cleared.")
    var guess: String?

    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }

    public func execute(in context: TourContext) throws {
        var value: Int?
        if let guess {
            do { value = try ByteSize.parse(guess.filter { $0 != "," && $0 != "_" }) } catch {
                throw UsageError("predict takes a whole number such as 257 or 16M, not '\(guess)'")
            }
        }
        context.predictions.guess = value
        try context.guide().setGuess(value, in: context)
        let lasting = context.unsavedState == nil ? "" : " of this session (it could not be saved for a later one)"
        context.say(value.map { "Your guess \(NumberFormat.count($0)) goes to the next prediction\(lasting)." } ?? "Guess cleared.")
    }
}
