import Foundation
import Glibc
import TestSupport
import Testing

/// What a killed zctour leaves (issue 13, item 6: after SIGKILL the private directory, 64 to
/// 513 MB, and an export's temporary file stayed for ever, and doctor never mentioned them).
/// Each carries its owner's lock; the next start removes what nobody holds, and nothing else.
@Suite struct LeftoversTests {
    func names(_ directory: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() }

    /// Waits until `body` holds (a killed run's files appear), for at most `timeout` seconds.
    func eventually(_ timeout: Double = 20, _ body: () -> Bool) -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if body() { return true }
            usleep(20_000)
        }
        return body()
    }

    /// Starts `arguments` in the background and kills it with SIGKILL once `ready` holds.
    func killed(_ arguments: [String], environment: [String: String], once ready: () -> Bool) throws {
        var env = ProcessInfo.processInfo.environment
        env["ZCTOUR_LESSONS"] = Zctour.lessons
        for (key, value) in environment { env[key] = value }
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { close(null) }
        let child = try ChildProcess.spawn(
            Zctour.binary, arguments: [Zctour.binary] + arguments, environment: env.map { "\($0.key)=\($0.value)" },
            input: null, output: null, error: null)
        let appeared = eventually(20, ready)
        kill(child.pid, SIGKILL)
        #expect(try child.wait() == .signalled(SIGKILL))
        #expect(appeared, "the run never got that far")
    }

    @Test func aKilledRunsDirectoryIsRemovedByTheNextStart() throws {
        let temporary = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try killed(["run", "read-write", "--size", "256M"], environment: ["TMPDIR": temporary]) {
            names(temporary).count == 1 && names(temporary + "/" + names(temporary)[0]).contains { $0.hasPrefix("sample") }
        }
        let left = names(temporary)
        #expect(left.count == 1 && left[0].hasPrefix("zctour."), "\(left)")
        let start = try Zctour.run(["list"], environment: ["TMPDIR": temporary])
        #expect(start.termination == .exited(0))
        #expect(names(temporary) == [], "the next start removed it")
    }

    /// doctor says what it found and removed.
    @Test func doctorReportsWhatItReclaimed() throws {
        let temporary = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try killed(["run", "read-write", "--size", "256M"], environment: ["TMPDIR": temporary]) {
            names(temporary).count == 1 && names(temporary + "/" + names(temporary)[0]).contains { $0.hasPrefix("sample") }
        }
        let result = try Zctour.run(["doctor", "--json"], environment: ["TMPDIR": temporary])
        let checks = try #require(result.json?["checks"] as? [[String: Any]])
        let finding = try #require(checks.first { $0["id"] as? String == "leftovers" }?["finding"] as? String)
        #expect(finding.hasPrefix("removed 1 directory that killed zctour runs left in \(temporary) ("), "\(finding)")
        #expect(names(temporary) == [])
        let again = try Zctour.run(["doctor", "--json"], environment: ["TMPDIR": temporary])
        let second = try #require(again.json?["checks"] as? [[String: Any]])
        #expect(
            second.first { $0["id"] as? String == "leftovers" }?["finding"] as? String
                == "nothing that killed zctour runs left behind in \(temporary), and no unfinished export")
    }

    /// Only what zctour made for this user, whose owner is gone: a live run's directory, one
    /// without the mark, one whose mark is a link, one with another name, another user's, one
    /// whose mark is still being made (new), and a plain file by that name all stay.
    @Test func nothingButAbandonedDirectoriesOfZctourIsTouched() throws {
        let temporary = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        // A live run holds its directory's lock for as long as it runs (started first: its own
        // start sweeps the directory too).
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = temporary
        env["ZCTOUR_LESSONS"] = Zctour.lessons
        let null = Glibc.open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { close(null) }
        let live = try ChildProcess.spawn(
            Zctour.binary, arguments: [Zctour.binary, "run", "read-write", "--size", "64M", "--repeat", "200"],
            environment: env.map { "\($0.key)=\($0.value)" }, input: null, output: null, error: null)
        defer {
            kill(live.pid, SIGTERM)
            _ = try? live.wait()
        }
        #expect(eventually { names(temporary).count == 1 }, "\(names(temporary))")
        let liveName = names(temporary)
        func make(_ name: String, mode: mode_t = 0o700) -> String {
            let path = temporary + "/" + name
            mkdir(path, mode)
            chmod(path, mode)
            return path
        }
        _ = make("zctour.NoMark")
        let linked = make("zctour.Linked")
        #expect(FileManager.default.createFile(atPath: temporary + "/victim", contents: Data("1".utf8)))
        #expect(symlink(temporary + "/victim", linked + "/owner") == 0)
        let open = make("zctour.Opened", mode: 0o755)
        #expect(FileManager.default.createFile(atPath: open + "/owner", contents: Data("1\n".utf8)))
        let named = make("zctour.toolongname")
        #expect(FileManager.default.createFile(atPath: named + "/owner", contents: Data("1\n".utf8)))
        #expect(FileManager.default.createFile(atPath: temporary + "/zctour.AFile1", contents: Data()))
        let stale = make("zctour.Stale1")
        #expect(FileManager.default.createFile(atPath: stale + "/owner", contents: Data("1\n".utf8)))
        // Killed while marking: the mark still under its staging name, unlocked. An old one is
        // abandoned; a new one may be a live run's that has not locked it yet, and stays.
        let staged = make("zctour.Staged")
        #expect(FileManager.default.createFile(atPath: staged + "/.owner", contents: Data()))
        var old = [timespec(tv_sec: time(nil) - 60, tv_nsec: 0), timespec(tv_sec: time(nil) - 60, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, staged + "/.owner", &old, 0) == 0)
        let staging = make("zctour.NewMrk")
        #expect(FileManager.default.createFile(atPath: staging + "/.owner", contents: Data()))
        var expected = [
            "victim", "zctour.AFile1", "zctour.Linked", "zctour.NewMrk", "zctour.NoMark", "zctour.Opened", "zctour.toolongname",
        ]
        if geteuid() == 0 {
            let others = make("zctour.Others")
            #expect(FileManager.default.createFile(atPath: others + "/owner", contents: Data("1\n".utf8)))
            chown(others, Unprivileged.uid, gid_t(Unprivileged.uid))
            chown(others + "/owner", Unprivileged.uid, gid_t(Unprivileged.uid))
            expected.append("zctour.Others")
        }
        let start = try Zctour.run(["list"], environment: ["TMPDIR": temporary])
        #expect(start.termination == .exited(0))
        #expect(names(temporary) == (expected + liveName).sorted())
        #expect(try String(contentsOfFile: temporary + "/victim", encoding: .utf8) == "1")
    }

    /// An export killed half way leaves `.handout.html.XXXXXX` beside its target (it can be
    /// anywhere): the state directory lists it while it is written, and the next start removes it.
    @Test func aKilledExportsTemporaryFileIsRemovedByTheNextStart() throws {
        let home = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let out = home + "/out"
        let temporary = home + "/tmp"
        #expect(mkdir(out, 0o755) == 0 && mkdir(temporary, 0o700) == 0)
        let environment = ["XDG_STATE_HOME": home + "/state", "TMPDIR": temporary]
        try killed(["export", "-o", out + "/handout.html"], environment: environment) {
            names(out).count == 1 && FileManager.default.fileExists(atPath: home + "/state/zctour/unfinished-exports")
        }
        let left = names(out)
        #expect(left.count == 1 && left[0].hasPrefix(".handout.html."), "\(left)")
        // The export's own children (a traced demo, curl) die after it, SIGKILLed by the kernel
        // (PTRACE_O_EXITKILL) or by their server going: a directory one of them still holds is
        // in use, not abandoned, so the next start is the one after they are gone.
        #expect(eventually(20) { Self.processes(under: temporary).isEmpty }, "\(Self.processes(under: temporary))")
        let doctor = try Zctour.run(["doctor", "--json"], environment: environment)
        let checks = try #require(doctor.json?["checks"] as? [[String: Any]])
        let finding = try #require(checks.first { $0["id"] as? String == "leftovers" }?["finding"] as? String)
        #expect(finding.contains("removed 1 temporary file of unfinished saves or exports (\(out)/\(left[0]))"), "\(finding)")
        #expect(names(out) == [])
        // What was left, and whose, if anything was.
        let leftovers = names(temporary).map { name -> String in
            let owner = (try? String(contentsOfFile: "\(temporary)/\(name)/owner", encoding: .utf8)) ?? "no owner mark"
            return "\(name): \(names(temporary + "/" + name)), owner \(owner), processes \(Self.processes(under: temporary))"
        }
        #expect(names(temporary) == [], "\(leftovers) (doctor: \(finding))")
        #expect(!FileManager.default.fileExists(atPath: home + "/state/zctour/unfinished-exports"))
    }

    /// The pids of the processes whose TMPDIR lies in `directory` (the killed export's children).
    static func processes(under directory: String) -> [Int32] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return pids.filter { pid in
            guard pid != getpid(), let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return environ.split(separator: 0).contains { String(decoding: $0, as: UTF8.self).hasPrefix("TMPDIR=" + directory) }
        }
    }
}
