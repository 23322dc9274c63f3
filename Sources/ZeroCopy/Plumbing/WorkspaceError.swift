import CShims
import Glibc

public enum WorkspaceError: Error, CustomStringConvertible {
    case cannotCreate(directory: String, errno: Int32)

    public var description: String {
        switch self {
        case .cannotCreate(let directory, let code):
            return "cannot create a private temporary directory in \(directory): "
                + "\(ErrnoName.of(code)) (\(String(cString: strerror(code)))); set TMPDIR to a writable directory"
        }
    }
}
