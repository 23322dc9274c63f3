import Foundation

/// The tour's side of challenges and predictions: which challenge is on, the runs made for
/// it, what is done, and the guesses made, all kept in the progress file.
extension GuidedTour {
    /// Every challenge of the tour, in lesson order.
    public var allChallenges: [(lesson: Lesson, challenge: Challenge)] {
        library.lessons.flatMap { lesson in lesson.challenges.map { (lesson, $0) } }
    }

    /// A challenge by `id`, `lesson-id/id`, or `N.M` (lesson N's M-th challenge).
    public func challenge(named name: String) throws(UsageError) -> (lesson: Lesson, challenge: Challenge) {
        let all = allChallenges
        if let found = all.first(where: { $0.challenge.key(in: $0.lesson) == name }) { return found }
        let parts = name.split(separator: ".")
        if parts.count == 2, let number = Int(parts[0]), let index = Int(parts[1]),
            let lesson = library.lessons.first(where: { $0.number == number }), lesson.challenges.indices.contains(index - 1)
        {
            return (lesson, lesson.challenges[index - 1])
        }
        let matching = all.filter { $0.challenge.id == name }
        // The current lesson's first, when two lessons use the same id.
        if let found = matching.first(where: { $0.lesson.id == lesson.id }) ?? matching.first { return found }
        let known = all.map(\.challenge.id).joined(separator: ", ")
        throw UsageError("unknown challenge '\(name)'; the challenges are \(known)")
    }

    /// The challenge being worked on, if its lesson still has it.
    public var currentChallenge: (lesson: Lesson, challenge: Challenge)? {
        guard let key = progress.challenge?.key else { return nil }
        return allChallenges.first { $0.challenge.key(in: $0.lesson) == key }
    }

    public func isDone(_ challenge: Challenge, of lesson: Lesson) -> Bool {
        progress.challengesDone.contains(challenge.key(in: lesson))
    }

    /// `3 of 8 challenges, lesson 2 of 5`: done of total, and where the tour stands.
    public var tally: String { Strings.tally(challengesDone, lesson: lesson.number, of: library.lastNumber) }

    /// `3 of 8 challenges`: those done that the lessons still have, of all.
    public var challengesDone: String {
        let keys = Set(allChallenges.map { $0.challenge.key(in: $0.lesson) })
        let done = progress.challengesDone.filter { keys.contains($0) }.count
        return Strings.challengesDone(done, of: keys.count)
    }

    /// When a page with challenges is shown, its first challenge not yet done begins, unless it
    /// is already the one being worked on (showing the page again keeps the attempt).
    func startChallenge(on page: Lesson.Page, in context: TourContext) {
        let challenges = page.blocks.compactMap { block -> Challenge? in
            if case .challenge(let challenge) = block { return challenge }
            return nil
        }
        guard !challenges.isEmpty else { return }
        guard let next = challenges.first(where: { !isDone($0, of: lesson) }) else {
            context.say("\n" + context.style.green("\(context.style.check) " + Strings.allChallengesDone(tally)))
            return
        }
        begin(next, of: lesson, in: context)
    }

    /// Makes `challenge` the current one; its runs start now (unless it already was current).
    func begin(_ challenge: Challenge, of lesson: Lesson, in context: TourContext, restart: Bool = false) {
        let key = challenge.key(in: lesson)
        if restart || progress.challenge?.key != key {
            update(context) { if restart || $0.challenge?.key != key { $0.challenge = ChallengeAttempt(key: key) } }
        }
        context.say("\n" + ChallengeView.begun(challenge, style: context.style))
    }

    /// Adds a run made at the prompt (or by `zctour run`) to the current challenge's runs.
    func recordAttempt(_ record: RunRecord, in context: TourContext) {
        var kept = record
        kept.traceLines = nil  // trace lines are for reading, not for checks: keep the file small
        update(context) { progress in
            guard var attempt = progress.challenge else { return }
            attempt.runs.append(kept)
            attempt.made += 1
            if attempt.runs.count > ChallengeAttempt.keptRuns { attempt.runs.removeFirst(attempt.runs.count - ChallengeAttempt.keptRuns) }
            progress.challenge = attempt
        }
    }

    /// Keeps the predictions the page resolved, the latest per question.
    func keepPredictions(from context: TourContext) {
        let made = context.predictions.resolved
        guard !made.isEmpty else { return }
        context.predictions.resolved = []
        update(context) { progress in
            for record in made {
                progress.predictions.removeAll { $0.lesson == record.lesson && $0.line == record.line }
                progress.predictions.append(record)
            }
        }
    }

    /// The guess from `predict N`, taken once.
    func takeGuess(in context: TourContext) -> Int? {
        var taken: Int?
        update(context) { progress in
            taken = progress.guess
            progress.guess = nil
        }
        return taken
    }

    func setGuess(_ guess: Int?, in context: TourContext) {
        update(context) { $0.guess = guess }
    }

    func markDone(_ challenge: Challenge, of lesson: Lesson, in context: TourContext) {
        let key = challenge.key(in: lesson)
        update(context) { if !$0.challengesDone.contains(key) { $0.challengesDone.append(key) } }
    }

    func updateAttempt(in context: TourContext, _ change: (inout ChallengeAttempt) -> Void) {
        update(context) { progress in
            guard var attempt = progress.challenge else { return }
            change(&attempt)
            progress.challenge = attempt
        }
    }
}
