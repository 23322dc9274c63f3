import ArgumentParser

/// How a command prints: for people (tables, colour on a terminal) or for scripts (`--json`).
public struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document instead of tables (schema in docs/json.md).")
    var json = false

    @Flag(name: .long, help: "No colour, even on a terminal (NO_COLOR does the same).")
    var noColor = false

    @Option(name: .long, parsing: .unconditional, help: "Wrap and fit output to this many columns instead of the terminal's.")
    var width: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Lessons and the prompt's texts in zh (Chinese) or en (English); LC_ALL, LC_MESSAGES or LANG starting with zh choose Chinese.",
            valueName: "zh|en"),
        completion: .list(Language.allCases.map(\.rawValue)))
    var lang: String?

    public init() {}

    /// The same options without `--lang`.
    static func without(language options: OutputOptions) -> OutputOptions {
        var copy = options
        copy.lang = nil
        return copy
    }

    /// The language this command asked for, checked.
    func language() throws(UsageError) -> Language? { try lang.map(Language.parse) }

    func style(for descriptor: Int32 = 1) throws(UsageError) -> Style {
        if let width, width < 40 || width > 400 {
            throw UsageError("--width must be between 40 and 400 columns, not \(width)")
        }
        return Style.detect(noColor: noColor, width: width, descriptor: descriptor)
    }
}
