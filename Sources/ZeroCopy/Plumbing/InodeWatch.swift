import Glibc
import Syscalls

/// inotify's IN_DELETE_SELF on one file: the event the kernel queues when the inode goes, not
/// when its last name is unlinked (that is IN_ATTRIB, the link count falling). While anything
/// holds the file (a descriptor, a mapping), unlink only unhashes its dentry; when the last
/// reference goes, fs/dcache.c `dentry_unlink_inode` calls `fsnotify_inoderemove` (the link
/// count being 0) and then `iput`, which frees the blocks. So it marks the moment a deleted
/// file's space goes back, and unlike the filesystem's free space it is this file's alone: no
/// other program's writes move it. inotify(7).
final class InodeWatch {
    private let descriptor: Int32
    private var deleted = false

    init(path: String) throws {
        let descriptor = try Syscall.value(.inotifyInit) { inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK)) }
        do {
            try Syscall.value(.inotifyAddWatch, path: path) { inotify_add_watch(descriptor, path, UInt32(IN_DELETE_SELF)) }
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Reads the events queued so far, waiting for none: whether IN_DELETE_SELF has come.
    func poll() throws -> Bool {
        var events = [UInt8](repeating: 0, count: 4096)
        while true {
            let count: Int
            do {
                count = try events.withUnsafeMutableBytes { bytes in
                    try Syscall.value(.read, descriptor: descriptor) { read(descriptor, bytes.baseAddress, bytes.count) }
                }
            } catch let error as SystemError where error.errno == EAGAIN {
                return deleted
            }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = events.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                if event.mask & UInt32(IN_DELETE_SELF) != 0 { deleted = true }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
    }
}
