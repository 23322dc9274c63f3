import ArgumentParser

/// What a lesson's blocks may run. A lesson is content, not a program: a lesson folder may
/// come from anyone (a workshop's repository, `ZCTOUR_LESSONS`), so its commands may show and
/// measure, and nothing else: never read or write the learner's files (`script`, `export`),
/// change their state (`set`, `reset`), or start lessons of their own (`lesson`, `check-all`,
/// whose recursion had no end). The player refuses the rest with one line; `lint` flags it.
enum LessonScope {
    /// The commands a lesson's block, challenge solution or naive attempt may run.
    static let allowedNames = ["run", "compare", "sweep", "choose", "trace", "explain", "predict", "inspect --peer"]

    /// Why `command` may not run in a lesson, or nil when it may.
    static func refusal(for command: ParsableCommand, text: String) -> String? {
        switch command {
        case is RunCommand, is CompareCommand, is SweepCommand, is ChooseCommand, is TraceCommand, is ExplainCommand,
            is PredictCommand:
            return nil
        case let inspect as InspectCommand:
            // A built-in peer case only (its program and arguments are zctour's), never a
            // command line of the lesson's own.
            guard inspect.peer == nil else { return nil }
            return "'\(text.abbreviated)' cannot run inside a lesson: a lesson may inspect only built-in cases (inspect --peer NAME)"
        default:
            let name = type(of: command).configuration.commandName ?? "this command"
            return "'\(text.abbreviated)' cannot run inside a lesson: \(name) is not one of the commands a lesson may run ("
                + allowedNames.joined(separator: ", ") + ")"
        }
    }
}
