import ArgumentParser

/// How a command prints: for people (tables, colour on a terminal) or for scripts (`--json`).
public struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document instead of tables (schema in the README).")
    var json = false

    @Flag(name: .long, help: "No colour, even on a terminal (NO_COLOR does the same).")
    var noColor = false

    @Option(name: .long, parsing: .unconditional, help: "Wrap and fit output to this many columns instead of the terminal's.")
    var width: Int?

    public init() {}

    func style(for descriptor: Int32 = 1) throws(UsageError) -> Style {
        if let width, width < 40 || width > 400 {
            throw UsageError("--width must be between 40 and 400 columns, not \(width)")
        }
        return Style.detect(noColor: noColor, width: width, descriptor: descriptor)
    }
}
