/// A script (or a transcript it ran) stopped by a signal, after saying where: what ran the
/// script ends too (130 from a pipe; back to the prompt at a terminal) without saying it again.
struct ScriptInterrupted: Error, Equatable {
    let signal: Int32
}
