import ZeroCopy

extension DemoRunner {
    /// The demos among `settings` that this machine refuses before a byte moves (io_uring
    /// refused, or an opcode its kernel lacks), each once: compare and choose leave their rows
    /// out of the rounds and say why, where a lone `run` fails with the same line.
    func refusals(among settings: [RunSettings]) -> [DemoRefusal] {
        var seen: Set<String> = []
        return settings.compactMap { settings in
            let id = settings.demo.id
            guard seen.insert(id).inserted, let refused = Ring.refusal(forDemo: id) else { return nil }
            return DemoRefusal(demo: id, reason: refused.description)
        }
    }
}
