/// `script` files running inside each other, bounded so that a script naming itself ends with
/// one line, and `quit`, which ends the innermost prompt or script after the current command.
struct ScriptNesting {
    var depth = 0
    var quitRequested = false
}
