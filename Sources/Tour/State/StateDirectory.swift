import Foundation
import Glibc

/// Where zctour keeps what outlives a run: `$XDG_STATE_HOME/zctour` (default
/// `~/.local/state/zctour`) for progress and history. Files are replaced atomically (a
/// temporary file in the same directory, flushed, then renamed), so a crash or Ctrl-C never
/// leaves half a file.
public struct StateDirectory: Sendable {
    public let path: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            path = state + "/zctour"
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            path = home + "/.local/state/zctour"
        }
    }

    public func file(_ name: String) -> String { path + "/" + name }

    /// Creates the directory and its parents (mode 0700), like `mkdir -p`.
    func create() throws {
        var partial = ""
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o700) != 0 && errno != EEXIST {
                throw RuntimeFailure("cannot create \(path) for progress and history: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes `data` to `name` atomically.
    func write(_ data: Data, to name: String) throws {
        try create()
        let target = file(name)
        let temporary = target + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RuntimeFailure("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        var offset = 0
        let failed: Bool = data.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return true }
                offset += written
            }
            return fsync(fd) != 0
        }
        close(fd)
        if failed || rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RuntimeFailure("cannot write \(target): \(reason)")
        }
    }
}
