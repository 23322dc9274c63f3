import Foundation
import ZeroCopy

/// Where a command runs: the session (temporary files, samples), how output looks, and where
/// it goes. The command line makes one per invocation; a lesson shares one across its commands
/// and keeps the records its checks refer to.
public final class TourContext {
    public let runner: DemoRunner
    public var style: Style
    /// Machine output: commands print JSON documents instead of tables.
    public var json: Bool
    /// Every record made in this context, in order, for a lesson's `expect` lines.
    public private(set) var records: [RunRecord] = []
    private let write: (String) -> Void

    public init(runner: DemoRunner, style: Style, json: Bool, write: @escaping (String) -> Void = { print($0) }) {
        self.runner = runner
        self.style = style
        self.json = json
        self.write = write
    }

    /// The defaults chosen with `set`; lesson commands ignore them (`lessonRunning`).
    public var defaults = SessionDefaults()
    var lessonRunning = false
    /// True at the prompt and in scripts: `lesson` and `next` walk the tour page by page.
    public var guided = false
    /// Set by `quit`: the prompt or script stops after this command.
    public var quitRequested = false
    /// The tour's place, loaded when first needed.
    private var loadedGuide: GuidedTour?
    public var state = StateDirectory()
    /// How many `script` commands are running inside each other.
    var scriptDepth = 0
    /// A width given with --width, kept when the terminal is resized.
    public var fixedWidth: Int?

    /// The lessons: the guide's when the tour is loaded, else read once for this context.
    private var loadedLibrary: LessonLibrary?
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
        loadedGuide = guide
        return guide
    }

    /// The defaults that apply to the command being run.
    var activeDefaults: SessionDefaults { lessonRunning ? SessionDefaults() : defaults }

    /// Set while a lesson in JSON mode runs its commands: their documents are folded into the
    /// lesson's one document instead of being printed.
    var silent = false

    /// Prints one block of text (a newline is added).
    public func say(_ text: String, newline: Bool = true) {
        guard !silent else { return }
        if newline {
            write(text)
        } else {
            rawWrite(text)
        }
    }

    private let rawWrite: (String) -> Void = { print($0, terminator: "") }

    func remember(_ record: RunRecord) {
        records.append(record)
        if !lessonRunning && keepsAttempts { recordAttempt(record) }
    }

    /// Asks the learner a question at a terminal and returns the line typed (nil: no answer);
    /// nil where nobody can answer (a pipe, a script, `check-all`): predictions then just measure.
    public var ask: ((String) -> String?)?
    /// Predictions asked in this context and waiting for the command that measures them.
    var pendingPredictions: [(Prediction, PredictionRecord)] = []
    /// Every prediction resolved in this context, for the lesson's JSON and for progress.
    public internal(set) var predictions: [PredictionRecord] = []
    /// A guess given with `predict N`, for the next prediction.
    var pendingGuess: Int?
    /// Whether runs count for the current challenge; `check-all` runs its own and keeps them out.
    var keepsAttempts = true
    /// Whether the tour's state was loaded, so commands that only read it need not load it.
    var guideIfLoaded: GuidedTour? { loadedGuide }

    /// Encodes a document with sorted keys, so the output is stable for scripts and diffs.
    func emitJSON<T: Encodable>(_ document: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(document)
        say(String(decoding: data, as: UTF8.self))
    }
}
