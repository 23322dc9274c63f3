import ZeroCopy

extension DemoRunner {
    /// The demos among `settings` that this machine refuses before a byte moves (io_uring
    /// refused, an opcode its kernel lacks, or a MSG_ZEROCOPY send larger than the locked-memory
    /// limit lets pin), each once: compare and choose leave their rows out of the rounds and say
    /// why, where a lone `run` fails with the same reason.
    func refusals(among settings: [RunSettings]) -> [DemoRefusal] {
        var seen: Set<String> = []
        return settings.compactMap { settings in
            let id = settings.demo.id
            guard !seen.contains(id), let reason = refusal(of: settings) else { return nil }
            seen.insert(id)
            return DemoRefusal(demo: id, reason: reason)
        }
    }

    private func refusal(of settings: RunSettings) -> String? {
        guard settings.demo.id == Demo.msgZerocopy.id else { return Ring.refusal(forDemo: settings.demo.id)?.description }
        let send = min(settings.buffer, settings.size)
        return MsgZerocopy.LockedMemory.current().shortfall(send: send).map {
            "a send of \(ByteSize.format(send)) cannot be pinned: " + $0
        }
    }
}
