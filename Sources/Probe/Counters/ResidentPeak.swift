import CShims
import Glibc
import Syscalls

/// The resident set's high-water mark (VmHWM, which getrusage reports as ru_maxrss) only ever
/// rises, so on its own it says nothing about one run. Writing 5 to /proc/self/clear_refs (Linux
/// 4.0+) resets it to the current resident set; after that, the peak a probe reads at the end of
/// a window is the highest the resident set went since, the kernel's own figure, with no sampling.
/// (The kernel keeps its RSS counters per CPU and folds them in batches, so a reading can lag
/// the truth by a few dozen pages per CPU.)
public enum ResidentPeak {
    /// Resets the peak; nil when done, else why it could not be.
    ///
    /// The heap is trimmed first (malloc_trim(3)): memory the process freed but glibc kept
    /// resident would otherwise count in the baseline, and a trim during the window (glibc
    /// trims when a free leaves enough at the top of a heap) would lower the resident set and
    /// hide the window's own rise. In the full test suite the peak read after the reset was once
    /// 65.4 MiB, 37 MiB above the process's usual 28.7, and a whole 64 MiB mapping then showed a
    /// rise of 27.3 MiB.
    public static func reset(procRoot: String = Probe.defaultProcRoot) -> String? {
        _ = zc_malloc_trim()
        let path = "\(procRoot)/self/clear_refs"
        do {
            let fd = try Syscall.value(.open, path: path) { open(path, O_WRONLY | O_CLOEXEC) }
            defer { close(fd) }
            try Syscall.writeAll(fd, "5")
            return nil
        } catch let error as SystemError {
            return "the peak resident set could not be reset (\(error)), so VmHWM would include earlier runs"
        } catch {
            return "the peak resident set could not be reset (\(error))"
        }
    }
}

extension IOCounters {
    /// Parses an io file's text read elsewhere (a child's /proc/<pid>/io).
    public static func parse(text: String) -> IOCounters? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }
}
