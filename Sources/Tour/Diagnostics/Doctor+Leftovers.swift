import Glibc
import ZeroCopy

extension Doctor {
    /// What zctour runs that were killed left behind (SIGKILL, the OOM killer, a closed lid),
    /// removed now, as any start of zctour does (`Leftovers`); and what running ones hold.
    func leftovers() -> Finding {
        let found = Leftovers.reclaim(state: StateDirectory())
        let root = Workspace.temporaryRoot
        // This doctor's own directory, made for its checks, is in use by itself.
        let inUse = found.workspaces.inUse.filter { $0.ownerPID != getpid() }
        var parts: [String] = []
        let removed = found.workspaces.removed
        if !removed.isEmpty {
            let pids = removed.compactMap(\.ownerPID).map(String.init)
            parts.append(
                "removed \(removed.count) director\(removed.count == 1 ? "y" : "ies") that killed zctour runs left in \(root) "
                    + "(\(ByteSize.format(removed.map(\.bytes).reduce(0, +)))\(pids.isEmpty ? "" : ", left by pid \(pids.joined(separator: ", "))"))"
            )
        }
        if !found.files.isEmpty {
            parts.append(
                "removed \(found.files.count) temporary file\(found.files.count == 1 ? "" : "s") of unfinished saves or exports ("
                    + found.files.map(\.path).joined(separator: ", ") + ")")
        }
        if !inUse.isEmpty {
            parts.append(
                "\(inUse.count) director\(inUse.count == 1 ? "y is" : "ies are") in use by running zctour processes ("
                    + inUse.map { "pid \($0.ownerPID.map(String.init) ?? "?"), \(ByteSize.format($0.bytes))" }.joined(separator: "; ") + ")"
            )
        }
        if !found.filesInUse.isEmpty {
            parts.append("\(found.filesInUse.count) export\(found.filesInUse.count == 1 ? " is" : "s are") being written now")
        }
        guard !parts.isEmpty else {
            return Finding(
                "leftovers", "leftovers", .ok, "nothing that killed zctour runs left behind in \(root), and no unfinished export")
        }
        return Finding("leftovers", "leftovers", .ok, parts.joined(separator: "; "))
    }
}
