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
    /// The checks of the section shown last, for `checks` (the tour folds those that held).
    public var checks: ShownChecks?

    public struct ShownChecks: Codable, Sendable, Equatable {
        public var lesson: String
        public var page: Int
        public var results: [LessonPlayer.ClaimResult]
    }

    public init() {
        lesson = nil
        page = 0
        finished = []
        defaults = SessionDefaults()
        challengesDone = []
        challenge = nil
        predictions = []
        guess = nil
        checks = nil
    }

    enum CodingKeys: String, CodingKey {
        case lesson, page, finished, defaults, challenge, predictions, guess, checks
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
        checks = try? container.decodeIfPresent(ShownChecks.self, forKey: .checks)
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
