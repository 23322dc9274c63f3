import CShims
import Glibc

/// What `--cold` achieved: how many of the file's pages were cached before and after.
public struct PageCacheDrop: Sendable, Equatable {
    public let pages: Int
    public let residentBefore: Int
    public let residentAfter: Int

}
