import Glibc
import Syscalls
import ZeroCopy

/// What zctour processes that were killed (SIGKILL, the OOM killer, a closed laptop lid) left
/// behind, found and removed by a later start: their private temporary directories (a sample
/// of up to a GiB each), the temporary file of an unfinished export, a half-saved state file.
/// Each carries its owner's lock for the owner's life, so only what nobody holds is removed,
/// and only what zctour made for this user (see `AbandonedWorkspaces`, `UnfinishedExports`).
struct Leftovers {
    var workspaces = AbandonedWorkspaces()
    /// Temporary files removed: an export's, a state file's.
    var files: [(path: String, bytes: Int)] = []
    /// Temporary files of exports being written now.
    var filesInUse: [String] = []

    /// Removes what it can; reports what it found. The state directory is looked at only if it
    /// exists: a start on a fresh machine creates nothing.
    static func reclaim(state: StateDirectory) -> Leftovers {
        var found = Leftovers()
        found.workspaces = AbandonedWorkspaces.sweep()
        var info = stat()
        if lstat(state.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            try? state.withLock {
                let exports = UnfinishedExports.reclaim(state: state)
                found.files = exports.removed
                found.filesInUse = exports.inUse
                found.files += state.removeAbandonedFiles().map { ($0, 0) }
            }
        }
        return found
    }
}
