/// The predictions of one context: how to ask the learner, what was asked and waits for its
/// measurement, what was resolved, and a guess given ahead with `predict N`.
struct PredictionDesk {
    /// Asks the learner a question at a terminal and returns the line typed (nil: no answer);
    /// nil where nobody can answer (a pipe, a script, `check-all`): predictions then just measure.
    var ask: ((String) -> String?)?
    /// Asked, and waiting for the command that measures them.
    var pending: [(Prediction, PredictionRecord)] = []
    /// Resolved in this context, for the lesson's JSON and for progress.
    var resolved: [PredictionRecord] = []
    /// A guess given with `predict N`, for the next prediction.
    var guess: Int?
    /// A command typed at a guess's prompt (`lesson 12` after a relaunch that resumed at a
    /// question): no guess is taken, the section's other questions are not asked, and the
    /// prompt runs the line once the section has run, so what was typed is not lost.
    var typedAhead: String?
}
