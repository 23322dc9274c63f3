import ArgumentParser
import ZeroCopy

/// `--trace` and `--lines`, shared by run, compare and trace.
public struct TraceOptions: ParsableArguments {
    @Flag(name: .long, help: "Also count the exact syscalls of the window, in a separate run under ptrace.")
    var trace = false

    @Option(name: .long, parsing: .unconditional, help: "With --trace: show the first N syscalls of the window decoded, like strace.")
    var lines: Int?

    public init() {}

    func wanted() throws(UsageError) -> (trace: Bool, lines: Int) {
        if let lines, lines < 0 || lines > 100_000 { throw UsageError("--lines must be between 0 and 100000, not \(lines)") }
        return (trace || lines != nil, lines ?? 0)
    }
}
