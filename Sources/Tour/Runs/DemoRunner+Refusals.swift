import ZeroCopy

extension DemoRunner {
    /// The demos among `settings` that this machine refuses before a byte of the comparison
    /// moves (io_uring refused, an opcode its kernel lacks, a MSG_ZEROCOPY send larger than the
    /// locked-memory limit lets pin, registered buffers or a wave of SEND_ZC sends that do not
    /// fit in it), each once: compare and choose leave their rows out of the rounds and say why,
    /// where a lone `run` fails with the same reason.
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
        if settings.demo.id == Demo.msgZerocopy.id {
            let send = min(settings.buffer, settings.size)
            return MsgZerocopy.LockedMemory.current().shortfall(send: send).map {
                "a send of \(ByteSize.format(send)) cannot be pinned: " + $0
            }
        }
        if let refused = Ring.refusal(forDemo: settings.demo.id) { return refused.description }
        return lockedMemoryTrial(of: settings)
    }

    /// Whether the pages a ring demo locks (uring-fixed's registered buffers, uring-send-zc's
    /// first wave of sends, its largest) fit the locked-memory limit, found as the demo finds
    /// it: one run of the first wave alone (`--queue` × `--buffer` bytes), since the kernel
    /// also charges the ring's own pages and every user's other pinned pages to that limit, so
    /// no sum made here could be exact. Only where the limit applies (not as root) and is set.
    private func lockedMemoryTrial(of settings: RunSettings) -> String? {
        guard [Demo.uringFixed.id, Demo.uringSendZc.id].contains(settings.demo.id), Ring.chargesLockedMemory,
            Ring.lockedMemoryLimit() != nil, settings.file == nil
        else { return nil }
        var trial = settings
        trial.size = min(settings.size, settings.queue * settings.buffer)
        do {
            _ = try runOnce(trial, label: settings.demo.id)
        } catch let failure as RuntimeFailure {
            return failure.refusal?.reason
        } catch {
            return nil
        }
        return nil
    }
}
