import Foundation

/// Where the learner is in the tour, and the defaults they chose with `set`, saved in
/// `progress.json` so that the next start resumes there.
public struct Progress: Codable, Sendable, Equatable {
    /// The current lesson's id and the page (section) shown last.
    public var lesson: String?
    public var page: Int
    /// Lessons whose last page was reached.
    public var finished: [String]
    public var defaults: SessionDefaults
    /// Challenges reached, as `lesson-id/challenge-id`.
    public var challengesDone: [String]
    /// The challenge being worked on, with the runs made since it began.
    public var challenge: ChallengeAttempt?
    /// Guesses and measurements, the latest per prediction.
    public var predictions: [PredictionRecord]
    /// A guess given with `predict N` (perhaps in an earlier `zctour predict`), for the next prediction.
    public var guess: Int?

    public init() {
        lesson = nil
        page = 0
        finished = []
        defaults = SessionDefaults()
        challengesDone = []
        challenge = nil
        predictions = []
        guess = nil
    }

    enum CodingKeys: String, CodingKey {
        case lesson, page, finished, defaults, challenge, predictions, guess
        case challengesDone = "challenges_done"
    }

    /// Reads files written before challenges and predictions existed: what is missing is empty.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lesson = try container.decodeIfPresent(String.self, forKey: .lesson)
        page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 0
        finished = try container.decodeIfPresent([String].self, forKey: .finished) ?? []
        defaults = try container.decodeIfPresent(SessionDefaults.self, forKey: .defaults) ?? SessionDefaults()
        challengesDone = try container.decodeIfPresent([String].self, forKey: .challengesDone) ?? []
        challenge = try container.decodeIfPresent(ChallengeAttempt.self, forKey: .challenge)
        predictions = try container.decodeIfPresent([PredictionRecord].self, forKey: .predictions) ?? []
        guess = try container.decodeIfPresent(Int.self, forKey: .guess)
    }

    static let fileName = "progress.json"

    /// The saved progress; a missing file is a first start. A damaged one is set aside
    /// (renamed `.damaged`) and reported, rather than stopping the tour.
    public static func load(from state: StateDirectory) -> (Progress, warning: String?) {
        let path = state.file(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return (Progress(), nil) }
        do {
            return (try JSONDecoder().decode(Progress.self, from: data), nil)
        } catch {
            _ = rename(path, path + ".damaged")
            return (Progress(), "\(path) could not be read, so the tour starts over (the old file is \(path).damaged)")
        }
    }

    public func save(to state: StateDirectory) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try state.write(try encoder.encode(self), to: Progress.fileName)
    }
}

/// The challenge the learner is on: which, how often `check` failed, how many hints were
/// shown, and the runs made since it began (the most recent ones only), which is what `check`
/// measures. Kept in the progress file so `zctour run ...` then `zctour check` works as well
/// as the prompt does, and a restart keeps the attempt.
public struct ChallengeAttempt: Codable, Sendable, Equatable {
    public var key: String
    public var tries: Int
    public var hints: Int
    public var runs: [RunRecord]

    static let keptRuns = 20

    public init(key: String) {
        self.key = key
        tries = 0
        hints = 0
        runs = []
    }

    enum CodingKeys: String, CodingKey { case key, tries, hints, runs }

    /// Runs saved by another version of zctour may not decode (a run record gained a field);
    /// they are dropped rather than losing the whole progress file.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        tries = try container.decodeIfPresent(Int.self, forKey: .tries) ?? 0
        hints = try container.decodeIfPresent(Int.self, forKey: .hints) ?? 0
        runs = (try? container.decode([RunRecord].self, forKey: .runs)) ?? []
    }
}

/// Defaults for `run` and `compare` at the prompt, set with `set size|buffer|sink|repeat VALUE`.
/// Kept as typed, checked when set; options given on a command win. Lessons ignore them, so
/// their checks stay exact.
public struct SessionDefaults: Codable, Sendable, Equatable {
    public var size: String?
    public var buffer: String?
    public var sink: String?
    public var repeatCount: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case size, buffer, sink
        case repeatCount = "repeat"
    }

    public static let keys = ["size", "buffer", "sink", "repeat"]

    /// The defaults that parse, and the names of those set that do not (an unset one is fine:
    /// `try?` flattens its nil into a failure, so only set values are tested).
    static func checked(_ defaults: SessionDefaults) -> (SessionDefaults, dropped: [String]) {
        var kept = defaults
        var dropped: [String] = []
        var options = DemoOptions()
        options.size = defaults.size
        if defaults.size != nil, (try? options.parsedSize()) == nil { kept.size = nil; dropped.append("size") }
        options.buffer = defaults.buffer
        if defaults.buffer != nil, (try? options.parsedBuffers()) == nil { kept.buffer = nil; dropped.append("buffer") }
        options.sink = defaults.sink
        if defaults.sink != nil, (try? options.parsedSink()) == nil { kept.sink = nil; dropped.append("sink") }
        options.repeatCount = defaults.repeatCount
        if defaults.repeatCount != nil, (try? options.parsedRepeat()) == nil { kept.repeatCount = nil; dropped.append("repeat") }
        return (kept, dropped)
    }
}
