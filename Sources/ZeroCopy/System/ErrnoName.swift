import CShims
import Glibc

/// The symbolic names of errno values, so messages say `ENOSPC`, not 28.
enum ErrnoName {
    static func of(_ code: Int32) -> String {
        zc_errno_name(code).map { String(cString: $0) } ?? "errno \(code)"
    }
}
