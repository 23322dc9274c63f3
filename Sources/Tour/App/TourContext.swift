import Foundation
import ZeroCopy

/// Where a command runs: the runner (temporary files, samples), how its output looks and where
/// it goes, in which mode and scope. The command line makes one per invocation; the prompt, a
/// script and a lesson share one across their commands, and it keeps the records a lesson's
/// `expect` lines refer to.
public final class TourContext {
    public let runner: DemoRunner
    public var style: Style
    public var format: OutputFormat
    /// Where `say` sends text.
    var target: OutputTarget
    public var mode: Mode
    /// Whether a lesson is running its blocks: its commands ignore the `set` defaults, so its
    /// checks stay exact, and their runs do not count for a challenge.
    var scope: Scope = .free
    /// Whether runs outside a lesson count for the current challenge.
    var attempts: AttemptPolicy = .recorded
    /// `script` files running inside each other, and a pending `quit`.
    var script = ScriptNesting()
    /// Predictions asked and waiting for the run that measures them.
    var predictions = PredictionDesk()
    /// Set while a lesson runs a sweep the tour has drawn before: the sweep shows its table and
    /// this line instead of its charts.
    var foldedCharts: String?
    /// Every record made in this context, in order, for a lesson's `expect` lines.
    public private(set) var records: [RunRecord] = []
    /// Demos this machine refused to run here (io_uring refused): checks on them are unavailable.
    public private(set) var refusals: [DemoRefusal] = []
    /// Every built-in peer case inspected in this context (`inspect --peer`), in order, which
    /// a lesson's `expect` lines name by the case's id.
    public private(set) var peerRuns: [PeerRun] = []
    /// The defaults chosen with `set`.
    public var defaults = SessionDefaults()
    public var state = StateDirectory()
    /// A width given with --width, kept when the terminal is resized.
    public var fixedWidth: Int?
    /// Why progress could not be saved, once it could not: said once, as a warning; outside the
    /// interactive prompt, the command's exit status is 1 (a script must not believe it kept it).
    public private(set) var unsavedState: String?
    private var loadedGuide: GuidedTour?
    private var loadedLibrary: LessonLibrary?

    /// Commands print tables for people, or one JSON document each for machines.
    public enum OutputFormat: Sendable { case text, json }

    /// The command line runs one command; the prompt and scripts are `guided`: `lesson` and
    /// `next` walk the tour page by page and remember where the learner is.
    public enum Mode: Sendable { case command, guided }

    public enum Scope: Sendable { case free, lesson }

    /// `check-all` runs attempts of its own, which must not touch the learner's challenge.
    public enum AttemptPolicy: Sendable { case recorded, ignored }

    /// Standard output; a capture (a handout collects what the terminal would show); or nothing
    /// (a lesson in JSON folds its commands' documents into its own).
    enum OutputTarget {
        case standardOutput
        case capture((String) -> Void)
        case discard
    }

    public init(runner: DemoRunner, style: Style, format: OutputFormat, mode: Mode = .command) {
        self.runner = runner
        self.style = style
        self.format = format
        self.mode = mode
        target = .standardOutput
    }

    convenience init(runner: DemoRunner, style: Style, format: OutputFormat, capture: @escaping (String) -> Void) {
        self.init(runner: runner, style: style, format: format)
        target = .capture(capture)
    }

    /// Machine output: commands print JSON documents instead of tables.
    public var json: Bool { format == .json }

    public var guided: Bool { mode == .guided }

    /// The lessons: the guide's when the tour is loaded, else read once for this context.
    public func library() throws -> LessonLibrary {
        if let library = loadedGuide?.library ?? loadedLibrary { return library }
        let library = try LessonLibrary.load()
        loadedLibrary = library
        return library
    }

    public func guide() throws -> GuidedTour {
        if let loadedGuide { return loadedGuide }
        let guide = try GuidedTour(library: try library(), state: state)
        defaults = guide.progress.defaults
        if let saved = defaults.lang.flatMap(Language.init(named:)), !Language.fromCommandLine { Language.current = saved }
        loadedGuide = guide
        return guide
    }

    /// Whether the tour's state was loaded, so commands that only read it need not load it.
    var guideIfLoaded: GuidedTour? { loadedGuide }

    /// The defaults that apply to the command being run: none in a lesson; on the command line,
    /// those saved with `zctour set` (read only where a progress file exists, so a plain
    /// `zctour run` on a fresh machine reads and writes nothing).
    var activeDefaults: SessionDefaults {
        if scope == .lesson { return SessionDefaults() }
        if loadedGuide == nil, mode == .command, FileManager.default.fileExists(atPath: state.file(Progress.fileName)) {
            _ = try? guide()
        }
        return defaults
    }

    /// Notes that progress could not be saved; the first time, says so on stderr.
    func stateNotSaved(_ reason: String) {
        guard unsavedState == nil else { return }
        unsavedState = reason
        StandardError.line(style.yellow("zctour: \(reason); progress was not saved"))
    }

    /// Runs `body` as a lesson's block: in lesson scope, and in JSON with its output folded away.
    func inLesson<T>(_ body: () throws -> T) rethrows -> T {
        let saved = (scope, target)
        scope = .lesson
        if json { target = .discard }
        defer { (scope, target) = saved }
        return try body()
    }

    /// Prints one block of text (a newline is added unless `newline` is false). On a terminal,
    /// text for people is fitted to the width (`TextWrapper.fit`: a line too wide wraps under
    /// its indent, so the terminal never tears a word at its edge) and a progress line there is
    /// erased first; `fitted: false` prints a document as it is. Into a pipe or a file, lines
    /// stay as the renderers made them (`lint`'s `path:line: problem` is one line to grep).
    public func say(_ text: String, newline: Bool = true, fitted: Bool = true) {
        switch target {
        case .standardOutput:
            // Fitted for a terminal, and wherever a width was asked for (`--width 60 | less`).
            let fits = fitted && format == .text && (isatty(STDOUT_FILENO) == 1 || fixedWidth != nil)
            let shown = fits ? TextWrapper.fitLines(text, width: style.width) : text
            ProgressLine.shared.hidden { StandardOutput.write(newline ? shown + "\n" : shown, forPeople: !json) }
        case .capture(let write): write(text)
        case .discard: break
        }
    }

    func remember(_ run: PeerRun) { peerRuns.append(run) }

    func remember(_ record: RunRecord) {
        records.append(record)
        if scope == .free && attempts == .recorded { recordAttempt(record) }
    }

    func remember(_ refusal: DemoRefusal) {
        if !refusals.contains(refusal) { refusals.append(refusal) }
    }

    /// Encodes a document with sorted keys, so the output is stable for scripts and diffs.
    func emitJSON<T: Encodable>(_ document: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(document)
        say(String(decoding: data, as: UTF8.self))
    }
}
