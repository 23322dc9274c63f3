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

    /// Far more than any progress file: 20 runs of a challenge and the predictions are a few
    /// hundred KiB at most.
    static let largestFile = 16 << 20

    /// The saved progress as it is on disk now. A missing file is a first start. One that cannot
    /// be read (no permission, a link) or does not decode is moved aside under a name of its own
    /// (`progress.json.unreadable`, `.damaged`), never overwritten, and `notice` says so in one
    /// line; when it cannot even be moved, `blocked` says so and nothing may be saved over it.
    static func read(from state: StateDirectory) -> (progress: Progress, notice: String?, blocked: Bool) {
        let path = state.file(fileName)
        func setAside(_ kind: String, because reason: String) -> (Progress, String?, Bool) {
            guard let aside = state.keepAside(fileName, as: kind) else {
                return (Progress(), "\(path) could not be read (\(reason)) nor moved aside, so progress is not saved over it", true)
            }
            return (Progress(), "\(path) could not be read (\(reason)); it is kept as \(aside), and the tour starts over", false)
        }
        switch state.read(fileName, limit: largestFile) {
        case .missing: return (Progress(), nil, false)
        case .unreadable(let reason): return setAside("unreadable", because: reason)
        case .bytes(let bytes):
            do {
                return (try JSONDecoder().decode(Progress.self, from: Data(bytes)), nil, false)
            } catch {
                return setAside("damaged", because: "it is not a progress file zctour can decode")
            }
        }
    }

    public func save(to state: StateDirectory) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try state.write(try encoder.encode(self), to: Progress.fileName)
    }
}
