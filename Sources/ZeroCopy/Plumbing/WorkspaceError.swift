import Syscalls

public enum WorkspaceError: Error, CustomStringConvertible {
    /// mkdtemp failed in `directory`; the advice names the fix, since TMPDIR is the usual cause.
    case cannotCreate(directory: String, error: SystemError)

    public var description: String {
        switch self {
        case .cannotCreate(let directory, let error):
            return "cannot create a private temporary directory in \(directory): \(error.reason); set TMPDIR to a writable directory"
        }
    }
}
