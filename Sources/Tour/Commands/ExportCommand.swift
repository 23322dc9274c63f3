import ArgumentParser
import Glibc
import Syscalls

/// `zctour export`: a handout of the lessons with the numbers measured here and now, as
/// Markdown or as one HTML file that needs nothing else (inline CSS, inline SVG, no script to
/// run), to read offline or print. The lessons run for real, as `zctour lesson N` runs them.
public struct ExportCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the lessons with the numbers measured on this machine, as Markdown or one self-contained HTML file.",
        discussion: """
            Runs the lessons' commands for real, then writes the document: to standard output, or \
            with -o to FILE, which appears whole or not at all. The format comes from --format, else \
            from FILE's extension (.html, .md), else Markdown. Exit status 1 if a lesson's check did \
            not hold (the document is written and shows it).
            """)

    @Option(name: .long, help: ArgumentHelp("md or html.", valueName: "md|html"), completion: .list(["md", "html"]))
    var format: String?

    @Option(
        name: .customLong("lesson"),
        help: ArgumentHelp(
            "A lesson's number or id; repeat it or give a list (1,3,mmap). Default: every lesson.",
            valueName: "number|id"))
    var lessons: [String] = []

    @Option(
        name: .customShort("o"), help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"),
        completion: .file())
    var outputFile: String?

    @OptionGroup public var output: OutputOptions

    public init() {}

    func chosenFormat() throws(UsageError) -> HandoutDocument.Format {
        if let format {
            switch format.lowercased() {
            case "md", "markdown": return .md
            case "html", "htm": return .html
            default: throw UsageError("unknown format '\(format)'; use md or html")
            }
        }
        let lowered = (outputFile ?? "").lowercased()
        return lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") ? .html : .md
    }

    /// The lessons asked for, in tour order, each once; every name is checked before any runs.
    func chosenLessons(from library: LessonLibrary) throws(UsageError) -> [Lesson] {
        let names = lessons.flatMap { $0.split(separator: ",").map { $0.trimmingWhitespace() } }.filter { !$0.isEmpty }
        if names.isEmpty { return library.lessons }
        var chosen: [Lesson] = []
        for name in names {
            let lesson = try library.lesson(name)
            if !chosen.contains(where: { $0.id == lesson.id }) { chosen.append(lesson) }
        }
        return chosen.sorted { $0.number < $1.number }
    }

    /// The file `-o` names, created now, so a path that cannot be written fails before minutes
    /// of lessons run. A handout is meant to be shared: the umask, not 0600, sets its mode. It
    /// only ever replaces a regular file, and a Ctrl-C while the lessons run discards it.
    /// `standardOutput` is what the command takes instead of a file (export prints without
    /// -o; report and roster need `-o -`), said where a path cannot be written.
    static func openOutput(
        _ path: String, example: String = "handout.html", standardOutput: String = "leave -o out to print to standard output"
    ) throws -> AtomicFileWriter {
        if path.isEmpty { throw UsageError("-o needs a file name, e.g. -o \(example); or \(standardOutput)") }
        do {
            return try AtomicFileWriter(path: path, permissions: .umask, target: .regularFile, discardsWhenInterrupted: true)
        } catch let refused as AtomicFileWriter.TargetRefused {
            switch refused.reason {
            case .noFileName: throw UsageError("-o \(path) names a directory; give a file name, e.g. -o \(example)")
            case .directory: throw UsageError("-o \(path) is a directory; give a file name, e.g. -o \(path)/\(example)")
            case .notRegularFile:
                throw UsageError(
                    "-o \(path) is not a regular file (a device, pipe or socket), which zctour will not replace; "
                        + standardOutput)
            case .unresolvedLink:
                throw UsageError(
                    "-o \(path) is a symbolic link that leads to no file zctour could replace; \(standardOutput)")
            case .readOnly:
                throw UsageError(
                    "-o \(path) is read-only, which zctour will not replace; make it writable (chmod u+w) or give another name")
            }
        } catch let error as SystemError {
            throw UsageError("cannot write \(path): \(error)")
        }
    }

    public func execute(in context: TourContext) throws {
        if context.json { throw UsageError("export writes md or html; for the runs as JSON use lesson N --json") }
        let format = try chosenFormat()
        let library = try context.library()
        let chosen = try chosenLessons(from: library)
        let file = try outputFile.flatMap { path in path == "-" ? nil : try ExportCommand.openOutput(path) }
        // Listed while it is written, so that a later start removes it if this one is killed.
        if let file { UnfinishedExports.add(file.temporaryPath, state: context.state) }
        defer {
            file?.discard()
            if let file { UnfinishedExports.remove(file.temporaryPath, state: context.state) }
        }
        let announce = isatty(STDERR_FILENO) == 1
        let width = context.fixedWidth ?? 100
        var runs: [LessonRun] = []
        let progress = ProgressLine.shared.begin("export: lesson", steps: chosen.count)
        defer { ProgressLine.shared.end(progress) }
        for (index, lesson) in chosen.enumerated() {
            ProgressLine.shared.advance(progress, to: index + 1, detail: lesson.id)
            runs.append(try LessonRun.play(lesson, total: library.lastNumber, width: width, announce: announce))
        }
        let document = try HandoutDocument(machine: .current(), lessons: runs).render(format)
        if let file {
            do {
                try file.commit(document)
            } catch let error as SystemError {
                throw RuntimeFailure("cannot write \(file.path): \(error)")
            }
            if announce { StandardError.line(context.style.dim("wrote \(file.path) (\(ByteSize.format(document.utf8.count)))")) }
        } else {
            context.say(document, newline: false, fitted: false)
        }
        let broken = runs.flatMap { run in
            run.checks.filter { $0.outcome == "failed" || $0.outcome == "invalid" }.map {
                "lesson \(run.lesson.number) line \($0.line): expect \($0.expect)"
            }
        }
        if !broken.isEmpty {
            throw RuntimeFailure(
                "\(broken.count) check\(broken.count == 1 ? "" : "s") did not hold (the document shows \(broken.count == 1 ? "it" : "them")): "
                    + broken.joined(separator: "; "))
        }
    }
}
