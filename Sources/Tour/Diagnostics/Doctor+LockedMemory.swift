import ZeroCopy

extension Doctor {
    /// RLIMIT_MEMLOCK against what msg-zerocopy pins per send (see `MsgZerocopy.LockedMemory`):
    /// a send larger than the limit allows is refused with ENOBUFS however long one waits, so
    /// the demo stops with one line; here the instructor learns it before the workshop.
    func lockedMemory(_ memory: MsgZerocopy.LockedMemory = .current()) -> Finding {
        let title = "locked mem"
        if memory.exempt {
            return Finding(
                "memlock", title, .ok, "no limit applies: zctour has CAP_IPC_LOCK (as root), so a msg-zerocopy send may pin any size")
        }
        guard let limit = memory.limit, let largest = memory.largestSend else {
            return Finding("memlock", title, .ok, "ulimit -l is unlimited: a msg-zerocopy send may pin any size")
        }
        let lessons = (library?.lessons ?? []).flatMap { lesson in
            let commands = lesson.commandLines + lesson.challenges.flatMap { $0.solution + $0.naive }
            return commands.flatMap { Doctor.settings(of: $0.text) }.filter { $0.demo == .msgZerocopy }.map { (lesson, $0.buffer) }
        }
        let needed = max(lessons.map(\.1).max() ?? 0, SweepCommand.defaultLargestBuffer)
        let fits = "one msg-zerocopy send may pin at most \(ByteSize.format(largest)) (the limit less two pages)"
        let found = "ulimit -l is \(ByteSize.format(limit)): \(fits)"
        let larger = "a run with a larger --buffer stops with one line that names the limit"
        if memory.allows(send: needed) {
            let used =
                lessons.map(\.1).max().map { "; the lessons send at most \(ByteSize.format($0)) at a time, sweep's default range " }
                ?? "; sweep's default range "
            return Finding("memlock", title, .ok, found + used + "reaches \(ByteSize.format(SweepCommand.defaultLargestBuffer)); " + larger)
        }
        let failing = lessons.filter { !memory.allows(send: $0.1) }.map { String($0.0.number) }
        let which = failing.isEmpty ? "" : "lesson \(Array(Set(failing)).sorted().joined(separator: ", "))'s msg-zerocopy runs and "
        return Finding(
            "memlock", title, .warning, found,
            meaning: "\(which)any msg-zerocopy run with --buffer above \(ByteSize.format(largest)) (sweep's default range reaches "
                + "\(ByteSize.format(SweepCommand.defaultLargestBuffer))) stop with one line that names the limit instead of measuring "
                + "(the send fails with ENOBUFS)",
            action: "raise it in the shell that starts zctour (ulimit -l 65536, within the hard limit), in "
                + "/etc/security/limits.conf (* soft memlock 65536) or with LimitMEMLOCK= for a systemd unit")
    }
}
