import Foundation
import Glibc
import Syscalls

/// Where zctour keeps what outlives a run: `$XDG_STATE_HOME/zctour` (default
/// `~/.local/state/zctour`) for progress and history. Files are replaced atomically
/// (`AtomicFileWriter`: a temporary file in the same directory, flushed, then renamed), so a
/// crash or Ctrl-C never leaves half a file.
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
            do {
                try Syscall.value(.mkdir, path: partial) { mkdir(partial, 0o700) }
            } catch let error as SystemError where error.errno == EEXIST {
                continue
            } catch let error as SystemError {
                throw RuntimeFailure("cannot create \(path) for progress and history: \(error)")
            }
        }
    }

    /// Writes `data` to `name` atomically. State saved on the way out of an interrupted command
    /// still lands: an interruption does not discard it.
    func write(_ data: Data, to name: String) throws {
        try create()
        let target = file(name)
        do {
            try data.withUnsafeBytes { bytes in
                try AtomicFileWriter.write(bytes, to: target, permissions: .ownerOnly, target: .path, discardsWhenInterrupted: false)
            }
        } catch let error as SystemError {
            throw RuntimeFailure("cannot write \(target): \(error)")
        }
    }
}
