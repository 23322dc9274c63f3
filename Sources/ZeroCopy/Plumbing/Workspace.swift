import CShims
import Glibc
import Syscalls

/// The one private directory (mode 0700, from `mkdtemp`) that holds a run's sample files and
/// destinations. The owner removes it on exit, after Ctrl-C and after SIGTERM; after a SIGKILL
/// it cannot, so the directory carries its owner's mark (`WorkspaceOwner`) and the next start
/// of zctour removes it (`Workspace.removeAbandoned`).
public final class Workspace: @unchecked Sendable {
    public let path: String
    private var owner: WorkspaceOwner?
    private var removed = false

    /// Creates `zctour.XXXXXX` in `$TMPDIR` (or `/tmp`), marked as this process's.
    public init(environment parent: String? = nil) throws {
        let base = parent ?? Workspace.temporaryRoot
        var template = Array("\(base)/\(Workspace.namePrefix)XXXXXX".utf8CString)
        do {
            let made = try Syscall.pointer(.mkdtemp, path: base) {
                template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
            }
            path = String(cString: made)
        } catch let error as SystemError {
            throw WorkspaceError.cannotCreate(directory: base, error: error)
        }
        do {
            owner = try WorkspaceOwner.mark(path)
        } catch let error as SystemError {
            DirectoryTree.remove(path)
            removed = true
            throw WorkspaceError.cannotCreate(directory: base, error: error)
        }
    }

    /// What every private directory's name starts with; mkdtemp adds six characters.
    public static let namePrefix = "zctour."

    /// `$TMPDIR` when set and not empty, as mkstemp(3) users expect; else `/tmp`, unless `/tmp`
    /// is a tmpfs and `/var/tmp` is a writable disk: the page-cache lessons (`--cold`,
    /// `--direct`) need a file whose pages can leave memory, and many laptops mount /tmp as tmpfs.
    public static var temporaryRoot: String {
        if let value = getenv("TMPDIR"), value.pointee != 0 {
            let text = String(cString: value)
            return text.count > 1 && text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        if filesystemName(of: "/tmp") == "tmpfs", access("/var/tmp", W_OK) == 0, filesystemName(of: "/var/tmp") != "tmpfs" {
            return "/var/tmp"
        }
        return "/tmp"
    }

    public func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Bytes available to an unprivileged user in this directory's filesystem.
    public func freeBytes() throws -> Int {
        var info = statvfs()
        try Syscall.value(.statvfs, path: path) { statvfs(path, &info) }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// The filesystem type of the directory, as `statfs` names it (for notes like "tmpfs").
    public func filesystemName() -> String { Workspace.filesystemName(of: path) }

    /// The filesystem type of any path, as `statfs` names it.
    public static func filesystemName(of path: String) -> String {
        let type = zc_filesystem_type(path)
        guard type >= 0 else { return "unknown" }
        switch UInt(type) {
        case 0x0102_1994: return "tmpfs"
        case 0xEF53: return "ext4"
        case 0x9123_683E: return "btrfs"
        case 0x5846_5342: return "xfs"
        case 0x794C_7630: return "overlayfs"
        case 0x2FC1_2FC1: return "zfs"
        case 0x6969: return "nfs"
        case 0xF2F5_2010: return "f2fs"
        default: return "type 0x" + String(UInt(type), radix: 16)
        }
    }

    /// Removes the directory and everything in it (a traced child's own directory included);
    /// safe to call twice. The owner's mark goes last, with the directory.
    public func remove() {
        guard !removed else { return }
        removed = true
        DirectoryTree.remove(path)
        owner?.release()
        owner = nil
    }

    deinit { remove() }
}
