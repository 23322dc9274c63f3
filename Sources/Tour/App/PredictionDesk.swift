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
}
