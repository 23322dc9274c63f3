import Foundation
import Glibc
import Syscalls

/// The temporary files of exports being written, listed in the state directory while they
/// are: the one an export killed half way leaves beside its target (`.handout.html.XXXXXX`,
/// anywhere the learner pointed `-o`) is then found by a later start of zctour, which removes
/// it once its writer is gone (`AtomicFileWriter.removeIfAbandoned`), and by `doctor`. Only
/// paths on this list are ever touched. Best effort: where the state directory cannot be
/// written, the export still works and only this safety net is missing.
enum UnfinishedExports {
    static let fileName = "unfinished-exports"

    static func add(_ path: String, state: StateDirectory) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        try? state.withLock { try write(read(state) + [absolute], state: state) }
    }

    static func remove(_ path: String, state: StateDirectory) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        try? state.withLock { try write(read(state).filter { $0 != absolute }, state: state) }
    }

    /// Removes the listed files whose writer is gone; keeps listing those being written. Called
    /// with the state directory locked.
    static func reclaim(state: StateDirectory) -> (removed: [(path: String, bytes: Int)], inUse: [String]) {
        let listed = read(state)
        guard !listed.isEmpty else { return ([], []) }
        var removed: [(path: String, bytes: Int)] = []
        var inUse: [String] = []
        for path in listed {
            if let bytes = AtomicFileWriter.removeIfAbandoned(path) {
                removed.append((path, bytes))
            } else if access(path, F_OK) == 0 {
                inUse.append(path)
            }
        }
        try? write(inUse, state: state)
        return (removed, inUse)
    }

    private static func read(_ state: StateDirectory) -> [String] {
        guard case .bytes(let bytes) = state.read(fileName, limit: 1 << 20) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init).filter { $0.hasPrefix("/") }
    }

    private static func write(_ paths: [String], state: StateDirectory) throws {
        if paths.isEmpty {
            unlink(state.file(fileName))
        } else {
            try state.write(Data(paths.map { $0 + "\n" }.joined().utf8), to: fileName)
        }
    }
}
