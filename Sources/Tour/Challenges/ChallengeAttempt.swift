import Foundation

/// The challenge the learner is on: which, how often `check` failed, how many hints were
/// shown, and the runs made since it began (the most recent ones only), which is what `check`
/// measures. Kept in the progress file so `zctour run ...` then `zctour check` works as well
/// as the prompt does, and a restart keeps the attempt.
public struct ChallengeAttempt: Codable, Sendable, Equatable {
    public var key: String
    /// Checks that missed the goal on runs the previous check had not seen: checking again
    /// without a new run is not a try, so it cannot unlock the solution.
    public var tries: Int
    public var hints: Int
    public var runs: [RunRecord]
    /// Runs made since the challenge began, including those no longer kept.
    public var made: Int
    /// `made` when `check` last counted a try.
    public var checkedAt: Int

    static let keptRuns = 20

    public init(key: String) {
        self.key = key
        tries = 0
        hints = 0
        runs = []
        made = 0
        checkedAt = 0
    }

    /// Whether runs were made since the last check that counted.
    public var hasNewRuns: Bool { made > checkedAt }

    enum CodingKeys: String, CodingKey {
        case key, tries, hints, runs, made
        case checkedAt = "checked_at"
    }

    /// Runs saved by another version of zctour may not decode (a run record gained a field);
    /// they are dropped rather than losing the whole progress file.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        tries = try container.decodeIfPresent(Int.self, forKey: .tries) ?? 0
        hints = try container.decodeIfPresent(Int.self, forKey: .hints) ?? 0
        runs = (try? container.decode([RunRecord].self, forKey: .runs)) ?? []
        made = try container.decodeIfPresent(Int.self, forKey: .made) ?? runs.count
        checkedAt = try container.decodeIfPresent(Int.self, forKey: .checkedAt) ?? 0
    }
}
