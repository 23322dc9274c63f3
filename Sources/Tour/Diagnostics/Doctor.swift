import Foundation
import Glibc
import Probe
import Syscalls
import ZeroCopy

/// What an instructor needs to know about a machine before a workshop: does every lesson run
/// here, and what does it lose where something is missing. Each check looks at the real thing
/// (opens the probe, tries ptrace, writes and drops a sample) rather than guessing from
/// versions, and cleans up after itself.
///
/// A blocker is something without which the lessons cannot make their point: no private
/// temporary directory or not enough room in it (no demo can run), or no /proc I/O counters
/// (the demos run and verify, but syscr, syscw, rchar and wchar, which every lesson is about,
/// are unavailable and most of the lessons' checks cannot be checked). Everything else is a
/// warning: the lessons run and say in place what they could not show.
public struct Doctor {
    public struct Finding: Encodable, Sendable, Equatable {
        public enum Status: String, Encodable, Sendable { case ok, warning, blocker }
        public let id: String
        public let title: String
        public let status: Status
        /// What was found, in one sentence.
        public let finding: String
        /// For a warning or blocker: what it means for the lessons.
        public let meaning: String?
        /// For a warning or blocker: what to do about it.
        public let action: String?

        init(_ id: String, _ title: String, _ status: Status, _ finding: String, meaning: String? = nil, action: String? = nil) {
            self.id = id
            self.title = title
            self.status = status
            self.finding = finding
            self.meaning = meaning
            self.action = action
        }
    }

    let runner: DemoRunner
    let library: LessonLibrary?
    let style: Style
    let noColorAsked: Bool

    /// Runs every check, in the order a person would fix them.
    func run() -> [Finding] {
        let machine = Machine.current()
        // First, before the ptrace check starts a zctour of its own, whose start would sweep them.
        let left = leftovers()
        return [
            kernel(machine), proc(), ptrace(), ioUring(), temporaryDirectory(), left, pageCache(), lockedMemory(), noise(), libedit(),
            terminal(),
        ]
    }

    // MARK: kernel

    func kernel(_ machine: Machine) -> Finding {
        guard let version = machine.kernelVersion else {
            return Finding(
                "kernel", "kernel", .warning, "cannot read the version from '\(machine.kernel)'",
                meaning: "nothing yet: the other checks test what the lessons use directly",
                action: "read the other checks")
        }
        // What each lesson needs that arrived late: the per-thread /proc directory (3.17),
        // MSG_ZEROCOPY (4.14), copy_file_range across filesystems and PTRACE_GET_SYSCALL_INFO (5.3).
        let needs: [(Int, Int, String)] = [
            (3, 17, "/proc/thread-self, for per-thread counters"), (4, 14, "MSG_ZEROCOPY"),
            (5, 3, "copy_file_range between filesystems and PTRACE_GET_SYSCALL_INFO for --trace"),
        ]
        let missing = needs.filter { version.major < $0.0 || (version.major == $0.0 && version.minor < $0.1) }
        if missing.isEmpty {
            return Finding(
                "kernel", "kernel", .ok, "Linux \(machine.kernel) \(machine.architecture): every demo and --trace have what they need")
        }
        return Finding(
            "kernel", "kernel", .warning, "Linux \(machine.kernel) is older than the lessons assume",
            meaning: "missing here: " + missing.map { "\($0.2) (Linux \($0.0).\($0.1))" }.joined(separator: "; ")
                + "; the demos that need them fail with the syscall's error",
            action: "use a machine with Linux 5.3 or newer (any current distribution)")
    }

    // MARK: /proc

    func proc() -> Finding {
        let root = runner.procRoot
        let simulated = root != "/proc" ? " (ZCTOUR_PROC_ROOT=\(root))" : ""
        let probe = Probe(procRoot: root)
        if let unavailable = probe.unavailable {
            let (affected, total) = checksUsingIOCounters()
            let share = total > 0 ? "; \(affected) of the lessons' \(total) checks use them and cannot be checked" : ""
            return Finding(
                "proc", "/proc", .blocker, unavailable.reason + simulated,
                meaning: "the demos still run and verify their bytes, but syscr, syscw, rchar and wchar, "
                    + "the counters every lesson is about, show as unavailable\(share)",
                action: "run where /proc is mounted (mount -t proc proc /proc; in a container, do not mask it); "
                    + "zctour needs \(root)/thread-self/io, from a kernel with task I/O accounting")
        }
        guard probe.snapshot().io != nil else {
            return Finding(
                "proc", "/proc", .blocker, "\(root)/thread-self/io opened but could not be read\(simulated)",
                meaning: "syscr, syscw, rchar and wchar would show as unavailable in every lesson",
                action: "check the mount options of /proc (hidepid, a security module)")
        }
        return Finding("proc", "/proc", .ok, "\(root)/thread-self/io is readable: syscr, syscw, rchar and wchar for the demo's own thread")
    }

    /// How many `expect` lines in the lessons read a /proc I/O counter.
    func checksUsingIOCounters() -> (affected: Int, total: Int) {
        let fields = ["syscr", "syscw", "rchar", "wchar", "read_bytes", "write_bytes"]
        let expects = (library?.lessons ?? []).flatMap(\.commandLines).map { $0.text.trimmingWhitespace() }
            .filter { $0.hasPrefix("expect ") }
        let affected = expects.filter { line in fields.contains { field in line.contains(".\(field)") } }
        return (affected.count, expects.count)
    }

    // MARK: ptrace

    /// Tries what `--trace` does: starts zctour itself as a ptrace tracee.
    func ptrace() -> Finding {
        let scopePath = "\(runner.procRoot)/sys/kernel/yama/ptrace_scope"
        let scope = Doctor.readAll(scopePath)?.trimmingWhitespace()
        let scopeText = scope.map { "Yama ptrace_scope is \($0)" } ?? "no Yama ptrace_scope"
        let syscallChecks = (library?.lessons ?? []).flatMap(\.commandLines)
            .filter { $0.text.trimmingWhitespace().hasPrefix("expect ") && $0.text.contains(".syscalls.") }.count
        let meaning =
            "--trace and trace show one line saying why instead of the syscall table"
            + (syscallChecks > 0 ? ", and the lessons' \(syscallChecks) checks on traced syscalls are not checked" : "")
            + "; the /proc counters and everything else are unaffected"
        let errors = (try? Syscall.value(.open, path: "/dev/null") { open("/dev/null", O_WRONLY | O_CLOEXEC) }) ?? -1
        defer { if errors >= 0 { close(errors) } }
        do {
            let result = try Tracer.run(
                "/proc/self/exe", arguments: ["zctour", "--help"],
                environment: ProcessInfo.processInfo.environment, errors: errors, lines: 0,
                stopRequested: { Interruption.pending != nil })
            if result.exitStatus != 0 {
                return Finding(
                    "ptrace", "ptrace", .warning, "a traced zctour started but exited with status \(result.exitStatus)",
                    meaning: meaning, action: "run zctour trace read-write --size 1M to see the error")
            }
        } catch let refused as Tracer.Refused {
            return Finding(
                "ptrace", "ptrace", .warning,
                refused.description.replacingOccurrences(of: "; the /proc counters above are unaffected", with: ""),
                meaning: meaning, action: ptraceAdvice(yamaScope: scope))
        } catch {
            return Finding(
                "ptrace", "ptrace", .warning, "the traced run could not start: \(error)",
                meaning: meaning, action: "check that /proc/self/exe exists (it needs /proc)")
        }
        let why = scope == "1" ? " (it allows a process to trace its own children, which is what --trace does)" : ""
        return Finding("ptrace", "ptrace", .ok, "allowed: a traced zctour ran; \(scopeText)\(why)")
    }

    // MARK: io_uring

    /// Tries what every ring demo does first: sets up a ring and probes its opcodes; then, where
    /// locked memory is charged (no CAP_IPC_LOCK), whether the lessons' rings fit under the limit.
    func ioUring() -> Finding {
        let survey = Ring.survey()
        let lessons = (library?.lessons ?? []).filter { $0.commandLines.contains { $0.text.contains("uring-") } }
        let checks = lessons.flatMap(\.commandLines).filter {
            $0.text.trimmingWhitespace().hasPrefix("expect ") && $0.text.contains("uring-")
        }
        let which =
            lessons.isEmpty ? "" : " (lesson\(lessons.count == 1 ? "" : "s") \(lessons.map { String($0.number) }.joined(separator: ", ")))"
        let cost =
            "the io_uring demos (uring-read, uring-fixed, uring-splice, uring-send-zc) say why in one line instead of running, "
            + "and the lessons' \(checks.count) checks on them\(which) count as not checked here; the rest of the tour is unaffected"
        if let refusal = survey.refusal {
            let action: String
            switch refusal.cause {
            case .disabled:
                action = "as root: sysctl kernel.io_uring_disabled=0 (or 1, with kernel.io_uring_group set to the learners' group)"
            case .forbidden:
                action =
                    "in a container: run it with a seccomp profile that allows io_uring_setup, io_uring_enter and io_uring_register"
            case .lockedMemory:
                action = "raise the locked-memory limit (ulimit -l, or memlock in /etc/security/limits.conf) to a few MiB"
            case .missing, .setup, .opcodeMissing:
                action =
                    "use a kernel built with CONFIG_IO_URING (Linux 6.0 or later for every demo); in a container, a seccomp "
                    + "profile that allows the io_uring calls"
            }
            return Finding("io_uring", "io_uring", .warning, refusal.description, meaning: cost, action: action)
        }
        if !survey.unsupported.isEmpty {
            let demos = uniqued(survey.unsupported.flatMap(Ring.demos(needing:)))
            return Finding(
                "io_uring", "io_uring", .warning,
                "a ring works, but this kernel's io_uring lacks \(survey.unsupported.joined(separator: ", ")) (IORING_REGISTER_PROBE)"
                    + (Ring.simulation.map { " [simulated by \($0)]" } ?? ""),
                meaning: "\(demos.joined(separator: ", ")) say\(demos.count == 1 ? "s" : "") why in one line instead of running; "
                    + "\(demos.count == 1 ? "its" : "their") checks count as not checked here",
                action: "use Linux 6.0 or later, which has every opcode the demos use")
        }
        let needed = lockedMemoryNeeds()
        let limit = Ring.lockedMemoryLimit()
        let supported = "supports \(survey.supported.joined(separator: ", "))"
        guard Ring.chargesLockedMemory else {
            return Finding("io_uring", "io_uring", .ok, "a ring works and \(supported); as root its pages are not charged to ulimit -l")
        }
        if let limit, needed > limit {
            return Finding(
                "io_uring", "io_uring", .warning,
                "a ring works and \(supported), but ulimit -l is \(ByteSize.format(limit)) and the lessons' registered buffers and "
                    + "zero-copy sends need about \(ByteSize.format(needed)) locked at once",
                meaning: "uring-fixed and uring-send-zc say why in one line where they do not fit; their checks count as not checked",
                action: "raise ulimit -l (memlock in /etc/security/limits.conf) to \(ByteSize.format(needed * 2)) or more")
        }
        return Finding(
            "io_uring", "io_uring", .ok,
            "a ring works and \(supported); ulimit -l \(limit.map(ByteSize.format) ?? "unlimited") holds the lessons' locked pages "
                + "(about \(ByteSize.format(needed)) at most)")
    }

    /// The most locked memory one of the lessons' ring runs needs as an unprivileged user: the
    /// ring's own pages, registered buffers (uring-fixed), and a wave of zero-copy sends, each of
    /// which pins its pages and two more (uring-send-zc).
    func lockedMemoryNeeds() -> Int {
        let runs = (library?.lessons ?? []).flatMap(\.commandLines).flatMap { Doctor.settings(of: $0.text) }
        let ringPages = 64 << 10
        return runs.map { run -> Int in
            switch run.demo {
            case .uringFixed: ringPages + run.queue * run.buffer
            case .uringSendZc: ringPages + run.queue * (run.buffer + 2 * 4096)
            case .uringRead, .uringSplice: ringPages
            default: 0
            }
        }.max() ?? 0
    }

    // MARK: temporary directory

    /// The most temporary disk one lesson holds at once (its samples stay for the lesson).
    func lessonDiskNeeds() -> (bytes: Int, lesson: Lesson?) {
        var most = (bytes: 0, lesson: Lesson?.none)
        for lesson in library?.lessons ?? [] {
            let runs = lesson.commandLines.flatMap { Doctor.settings(of: $0.text) }
            let bytes = ResourceBudget.diskBytes(for: runs)
            if bytes > most.bytes { most = (bytes, lesson) }
        }
        return most
    }

    /// The runs a lesson line makes (none for checks and other commands).
    static func settings(of line: String) -> [RunSettings] {
        guard let command = try? ZCTour.parseAsRoot(CommandTokenizer.split(line.trimmingWhitespace())) else { return [] }
        if let run = command as? RunCommand, let demo = try? DemoOptions.demo(named: run.demo) {
            return (try? run.options.merged(with: SessionDefaults(), for: [demo]).settings(for: demo)).map { [$0] } ?? []
        }
        if let trace = command as? TraceCommand, let demo = try? DemoOptions.demo(named: trace.demo) {
            return (try? trace.options.merged(with: SessionDefaults(), for: [demo]).settings(for: demo)).map { [$0] } ?? []
        }
        if let compare = command as? CompareCommand {
            let demos = compare.demos.compactMap { try? DemoOptions.demo(named: $0) }
            return (try? compare.options.merged(with: SessionDefaults(), for: demos).comparison(of: demos))?.rows.map(\.0) ?? []
        }
        return []
    }

    func temporaryDirectory() -> Finding {
        let root = Workspace.temporaryRoot
        let workspace: Workspace
        do { workspace = try runner.samples.requireWorkspace() } catch {
            return Finding(
                "tmpdir", "temp dir", .blocker, "\(error)",
                meaning: "no demo can run: each writes its sample file there first",
                action: "set TMPDIR to a writable directory, e.g. TMPDIR=/var/tmp zctour")
        }
        let type = workspace.filesystemName()
        guard let free = try? workspace.freeBytes() else {
            return Finding(
                "tmpdir", "temp dir", .warning, "\(root) (\(type)): cannot read its free space",
                meaning: "a run larger than the free space fails when it writes its sample",
                action: "check with df \(root)")
        }
        let (needed, lesson) = lessonDiskNeeds()
        let need = lesson.map { "; the lessons need at most \(ByteSize.format(needed)) at once (lesson \($0.number))" } ?? ""
        if needed > free {
            return Finding(
                "tmpdir", "temp dir", .blocker, "\(root) (\(type)) has \(ByteSize.format(free)) free\(need)",
                meaning: "lesson \(lesson?.number ?? 0) stops with an error when its sample files do not fit",
                action: "free some space or set TMPDIR to a roomier directory")
        }
        let chosen =
            ProcessInfo.processInfo.environment["TMPDIR"].map { $0.isEmpty } ?? true && root == "/var/tmp"
            ? " (/tmp is tmpfs, so zctour uses /var/tmp; TMPDIR overrides it)" : ""
        return Finding("tmpdir", "temp dir", .ok, "\(root)\(chosen): \(type), \(ByteSize.format(free)) free\(need)")
    }

    // MARK: page cache

    /// Writes a small sample, asks the kernel to drop it, counts what stayed: what `--cold` does.
    func pageCache() -> Finding {
        guard let workspace = try? runner.samples.requireWorkspace() else {
            return Finding(
                "page-cache", "page cache", .warning, "not tested: no temporary directory",
                meaning: "--cold may or may not make a run cold", action: "fix the temporary directory first")
        }
        let type = workspace.filesystemName()
        let path = workspace.file("doctor-sample.bin")
        defer { unlink(path) }
        let drop: PageCacheDrop
        do {
            drop = try SampleFile.create(at: path, size: 1 << 20).dropFromPageCache()
        } catch {
            return Finding(
                "page-cache", "page cache", .warning, "could not test dropping pages: \(error)",
                meaning: "--cold may not make a run cold; each --cold run says whether the kernel dropped the pages",
                action: "set TMPDIR to a disk-backed directory")
        }
        if drop.residentAfter == 0 {
            return Finding(
                "page-cache", "page cache", .ok,
                "droppable: the kernel dropped all \(drop.pages) pages of a test file in \(Workspace.temporaryRoot), so --cold reads from \(type) storage"
            )
        }
        let cold = (library?.lessons ?? []).filter { lesson in
            lesson.commandLines.contains { $0.text.contains("--cold") || $0.text.contains("--direct") }
        }.map { String($0.number) }
        let which = cold.isEmpty ? "" : " (lesson\(cold.count == 1 ? "" : "s") \(cold.joined(separator: ", ")))"
        let meaning = "--cold runs stay warm: read_bytes stays 0 and the cold steps\(which) show what a cached file costs, not a disk"
        if type == "tmpfs" {
            return Finding(
                "page-cache", "page cache", .warning,
                "\(Workspace.temporaryRoot) is tmpfs: its pages are the files themselves and cannot be dropped",
                meaning: meaning, action: "set TMPDIR to a disk-backed directory" + diskBackedSuggestion())
        }
        return Finding(
            "page-cache", "page cache", .warning,
            "the kernel kept \(drop.residentAfter) of \(drop.pages) pages of a test file in \(Workspace.temporaryRoot) (\(type))",
            meaning: meaning, action: "set TMPDIR to a directory on a local disk" + diskBackedSuggestion())
    }

    /// A writable directory here that is not tmpfs, to name in the advice.
    func diskBackedSuggestion() -> String {
        var candidates = ["/var/tmp"]
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { candidates.append(home) }
        for candidate in candidates where candidate != Workspace.temporaryRoot && access(candidate, W_OK) == 0 {
            let type = Workspace.filesystemName(of: candidate)
            if type != "tmpfs" && type != "unknown" { return ", e.g. TMPDIR=\(candidate) zctour (\(candidate) is \(type) here)" }
        }
        return ""
    }

    // MARK: libedit

    /// zctour links libedit, so it is there if zctour starts; where from is worth a line.
    func libedit() -> Finding {
        let maps = Doctor.readAll("/proc/self/maps") ?? ""
        let path = maps.split(separator: "\n").compactMap { line -> String? in
            guard let slash = line.firstIndex(of: "/") else { return nil }
            let file = String(line[slash...])
            return file.contains("/libedit") ? file : nil
        }.first
        let from = path.map { " (\($0))" } ?? ""
        let prompt = isatty(STDIN_FILENO) == 1 ? "" : "; the prompt also needs a terminal on standard input, which this run does not have"
        return Finding("libedit", "libedit", .ok, "loaded\(from): line editing, history and completion at the prompt\(prompt)")
    }

    /// A whole /proc file: they report a size of 0, so read until the end. Nil when it cannot
    /// be read, which each check reports in its own words.
    static func readAll(_ path: String) -> String? {
        (try? Syscall.readAll(path: path, limit: 16 << 20)).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: terminal

    func terminal() -> Finding {
        let environment = ProcessInfo.processInfo.environment
        var size = winsize()
        let isTerminal = isatty(STDOUT_FILENO) == 1
        let measured = isTerminal && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
        let colour: String
        if style.color {
            colour = "colour on (TERM=\(environment["TERM"] ?? ""))"
        } else if noColorAsked {
            colour = "no colour (--no-color)"
        } else if let value = environment["NO_COLOR"], !value.isEmpty {
            colour = "no colour (NO_COLOR is set)"
        } else if environment["TERM"] == "dumb" {
            colour = "no colour (TERM=dumb)"
        } else {
            colour = "no colour (not a terminal)"
        }
        let marks = style.unicode ? "UTF-8 marks (✓ →)" : "ASCII marks: the locale is not UTF-8 (set LANG=C.UTF-8 for ✓ and →)"
        guard measured else {
            return Finding(
                "terminal", "terminal", .ok,
                "output is not a terminal: \(style.width) columns (COLUMNS or 80), \(colour), \(marks); run doctor in the workshop's terminal to check it"
            )
        }
        let columns = Int(size.ws_col)
        let rows = Int(size.ws_row)
        let found = "\(columns)×\(rows), \(colour), \(marks)"
        if columns < Doctor.fullTableWidth {
            return Finding(
                "terminal", "terminal", .warning, found,
                meaning: "below \(Doctor.fullTableWidth) columns the comparison tables leave out their least important columns "
                    + "(cpu, minflt, allocs, rchar, wchar...) and prose wraps sooner",
                action: "widen the window or use a smaller font; zctour fits whatever width it has, "
                    + "and --width N fixes one (e.g. for a projector that crops the edges)")
        }
        return Finding("terminal", "terminal", .ok, found)
    }

    /// About the width of a comparison table with all of its columns (README's example).
    static let fullTableWidth = 100
}
