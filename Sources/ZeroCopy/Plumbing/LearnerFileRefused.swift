import Glibc
import Syscalls

/// A `--file` that zctour will not run a demo on, and why; nothing was read or run.
public struct LearnerFileRefused: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case cannotOpen(errno: Int32)
        case notRegular(String)
        case madeUpAsRead(String)
        case empty
    }

    public let path: String
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .cannotOpen(let code) where code == EACCES:
            "--file \(path): \(Errno(code)): zctour only reads the file, and this user may not"
        case .cannotOpen(let code):
            "--file \(path): \(Errno(code))"
        case .notRegular(let kind):
            "--file \(path) is \(kind): a demo needs a regular file, whose bytes it can move and check against a checksum"
        case .madeUpAsRead(let filesystem):
            "--file \(path) is on \(filesystem), whose files the kernel makes up as they are read (no fixed size or contents): "
                + "copy it to a regular file first and name that"
        case .empty:
            "--file \(path) is empty: there is nothing to move; name a file with something in it"
        }
    }
}
