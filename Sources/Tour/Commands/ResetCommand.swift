import ArgumentParser
import Glibc
import Syscalls
import ZeroCopy

/// `reset`: the tour starts over. At a terminal it asks first, since nothing brings the
/// progress back; a script, which nobody answers, says `reset --yes`.
public struct ResetCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Forget the progress and the defaults: the tour starts over (it asks first; --yes does not).")

    @Flag(name: .long, help: "Reset without asking, as a script or pipe must.")
    var yes = false

    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        if !yes {
            guard TerminalQuestion.canAsk(in: context) else {
                throw UsageError("reset forgets all progress, and nobody is at a terminal to confirm it; a script says reset --yes")
            }
            let confirmed: Bool
            do {
                confirmed = try TerminalQuestion.confirm(ResetCommand.question(guide, context.style), in: context)
            } catch let stop as Interrupted where stop.signal == SIGINT && context.guided {
                Interruption.clear()  // at the prompt, Ctrl-C is a no: back to the prompt
                context.say("")
                confirmed = false
            }
            guard confirmed else {
                context.say("Nothing was reset.")
                return
            }
        }
        try guide.reset(in: context)
        context.say("Progress and defaults cleared: next starts lesson 1.")
    }

    /// What would be lost, from the saved progress.
    static func question(_ guide: GuidedTour, _ style: Style) -> String {
        var lost: [String] = []
        if !guide.isFirstStart { lost.append("your place (\(guide.position))") }
        let done = guide.progress.challengesDone.count
        if done > 0 { lost.append("\(done) challenge\(done == 1 ? "" : "s") done") }
        let guesses = guide.progress.predictions.count
        if guesses > 0 { lost.append("\(guesses) prediction\(guesses == 1 ? "" : "s")") }
        if guide.progress.defaults != SessionDefaults() { lost.append("the set defaults") }
        let what = lost.isEmpty ? "nothing yet" : lost.joined(separator: ", ")
        return "reset forgets \(what). Start over? " + style.bold("[y/N]")
    }
}
