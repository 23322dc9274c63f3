import CShims
import CYardstick
import Glibc

/// copy_file_range(2) copies between two files inside the kernel: no buffer in user space, no
/// byte through it. A filesystem with reflinks (btrfs, XFS, bcachefs) may not copy at all: it
/// makes the destination share the source's extents. /proc still counts each call as one read
/// and one write, with the bytes in rchar and wchar. Across two filesystems Linux 5.19 and later
/// refuse (EXDEV) unless both are of a type that supports it, and a program falls back to
/// sendfile or read/write.
public enum CopyFileRange {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let out = transfer.sink.fd
        let calls = try transfer.measure {
            try transfer.kernelLoop { count in
                try systemCall("copy_file_range(in: \(source), out: \(out), \(count))", path: transfer.sample.path) {
                    zc_copy_file_range(source, nil, out, nil, count, 0)
                }
            }.calls
        }
        var notes: [String] = []
        let filesystem = Workspace.filesystemName(of: transfer.sample.path)
        var extents: UInt32 = 0
        var shared: UInt32 = 0
        if zc_extents_shared(out, &extents, &shared) == 0, extents > 0 {
            notes.append(
                shared > 0
                    ? "reflink: \(shared) of the destination's \(extents) extents are shared with the sample on \(filesystem); no data was copied"
                    : "no reflink: none of the destination's \(extents) extents is shared; \(filesystem) copied the data inside the kernel")
        } else {
            notes.append("\(filesystem) copied the data inside the kernel (it cannot say whether extents are shared)")
        }
        if let across = acrossFilesystems(from: source, filesystem: filesystem) { notes.append(across) }
        return TransferReport(calls: calls, notes: notes)
    }

    /// Tries one page from the sample into a file on another filesystem (/dev/shm, a tmpfs, when
    /// the temporary directory is elsewhere) and says what the kernel did: copied, or refused.
    static func acrossFilesystems(from source: Int32, filesystem: String) -> String? {
        let other = "/dev/shm"
        let otherType = Workspace.filesystemName(of: other)
        guard access(other, W_OK) == 0, otherType != filesystem else { return nil }
        var template = Array("\(other)/zctour-across-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { return nil }
        defer {
            close(fd)
            unlink(template)
        }
        var offset: Int64 = 0
        let result = zc_copy_file_range(source, &offset, fd, nil, 4096, 0)
        if result >= 0 {
            return "across filesystems (\(filesystem) → \(otherType) at \(other)) this kernel copied too"
        }
        let code = Glibc.errno
        let name = SystemError(call: "", errno: code).reason
        return "across filesystems (\(filesystem) → \(otherType) at \(other)) this kernel refused with \(name): "
            + "a program falls back to sendfile or read/write there"
    }
}

extension Demo {
    public static let copyFileRange = Demo(
        id: "copy-file-range", summary: "copy_file_range(2): file → file inside the kernel (a reflink where the filesystem can)",
        run: .transfer(CopyFileRange.run), options: [.size, .buffer, .cold],
        reasons: [
            .to: "copy_file_range copies file to file, so the destination is always a file",
            .direct: "its reads never pass through a user buffer to align",
        ],
        defaultSink: .file, defaultBuffer: { size in min(size, Sendfile.maximumPerCall) }, memory: { _, _ in 0 }, kernelSide: true,
        yardstick: Yardstick(zcy_copy_file_range))
}
