import Foundation
import Glibc
import TestSupport
import Testing

/// Progress and history (issue 13, items 8 to 11): two processes never lose each other's
/// updates; `set` on the command line persists; a save that fails says so and, outside the
/// prompt, fails the command; a file that cannot be read or decoded is kept aside and said,
/// never overwritten; a saved default that `set` would refuse is said and ignored; a link
/// planted in the state directory is never written through.
@Suite struct StateTests {
    struct Home {
        let path: String
        var state: String { path + "/state" }
        var progress: String { state + "/zctour/progress.json" }
        var environment: [String: String] { ["XDG_STATE_HOME": state, "HOME": path] }

        init() throws { path = try Zctour.scratchDirectory() }

        func remove() { try? FileManager.default.removeItem(atPath: path) }

        func saved() throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: progress))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        func run(_ arguments: [String], input: String? = nil) throws -> Zctour.Result {
            try Zctour.run(arguments, environment: environment, input: input)
        }
    }

    /// Two loops of `zctour run` at once, each run counted for the challenge: every one of them
    /// is kept (13 or 14 of 20 were, as each process wrote back what it had read).
    @Test func twoProcessesNeverLoseEachOthersRuns() throws {
        let home = try Home()
        defer { home.remove() }
        #expect(try home.run(["challenge", "few-reads"]).termination == .exited(0))
        var env = ProcessInfo.processInfo.environment
        for (key, value) in home.environment { env[key] = value }
        env["ZCTOUR_LESSONS"] = Zctour.lessons
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { close(null) }
        let loop = "for i in 1 2 3 4 5 6 7 8; do \"$0\" run read-write --size 64K --buffer 4K --to null || exit 1; done"
        let loops = try (0..<2).map { _ in
            try ChildProcess.spawn(
                "/bin/sh", arguments: ["sh", "-c", loop, Zctour.binary], environment: env.map { "\($0.key)=\($0.value)" },
                input: null, output: null, error: null)
        }
        for loop in loops { #expect(try loop.wait() == .exited(0)) }
        let challenge = try #require(try home.saved()["challenge"] as? [String: Any])
        #expect((challenge["runs"] as? [Any])?.count == 16)
    }

    /// A challenge reached in one terminal survives the next save of a prompt open in another
    /// (it vanished: the prompt wrote back the progress it had read at its start).
    @Test func aChallengeReachedElsewhereSurvivesThePromptsNextSave() throws {
        let home = try Home()
        defer { home.remove() }
        #expect(try home.run(["challenge", "few-reads"]).termination == .exited(0))
        let terminal = try Terminal(environment: home.environment)
        #expect(terminal.waitFor("copies> ") != nil, "\(terminal.diagnosis)")
        #expect(try home.run(["run", "read-write", "--size", "16M", "--buffer", "1M"]).termination == .exited(0))
        #expect(try home.run(["check"]).termination == .exited(0))
        #expect((try home.saved()["challenges_done"] as? [String]) == ["kernel-user-copies/few-reads"])
        let mark = terminal.mark
        terminal.typeAtFreshPrompt("next\r")
        #expect(terminal.waitFor("copies> ", after: mark) != nil, "\(terminal.diagnosis)")
        terminal.typeAtFreshPrompt("quit\r")
        #expect(terminal.wait() == .exited(0))
        let saved = try home.saved()
        #expect((saved["challenges_done"] as? [String]) == ["kernel-user-copies/few-reads"], "\(saved)")
    }

    /// `zctour set buffer 4K` said so and saved nothing; now it is kept, shown, and used.
    @Test func setOnTheCommandLinePersists() throws {
        let home = try Home()
        defer { home.remove() }
        let set = try home.run(["set", "buffer", "4K"])
        #expect(set.termination == .exited(0))
        #expect(set.stdout == "buffer is now 4K for run and compare\n")
        #expect((try home.saved()["defaults"] as? [String: String]) == ["buffer": "4K"])
        #expect(try home.run(["set", "size", "1M"]).termination == .exited(0))
        #expect((try home.saved()["defaults"] as? [String: String]) == ["buffer": "4K", "size": "1M"])
        let run = try home.run(["run", "read-write", "--json"])
        let record = try #require(run.json?["run"] as? [String: Any])
        #expect(record["buffer"] as? Int == 4096 && record["size"] as? Int == 1 << 20)
    }

    /// Nowhere to save (here a state directory under /dev/null, which even root cannot make):
    /// the guess is not said to be kept, a warning says why, and the status is 1.
    @Test func aSaveThatFailsIsAWarningAndStatus1() throws {
        let result = try Zctour.run(["predict", "6"], environment: ["XDG_STATE_HOME": "/dev/null/state"])
        #expect(result.termination == .exited(1))
        #expect(result.stdout == "Your guess 6 goes to the next prediction of this session (it could not be saved for a later one).\n")
        #expect(
            result.stderr.contains(
                "cannot create /dev/null/state/zctour for progress and history: mkdir failed on /dev/null/state: ENOTDIR"))
        #expect(result.stderr.hasSuffix("; progress was not saved\n"))
        let set = try Zctour.run(["set", "buffer", "4K"], environment: ["XDG_STATE_HOME": "/dev/null/state"])
        #expect(set.termination == .exited(1))
        // A command that saves nothing does not fail for it.
        #expect(try Zctour.run(["list"], environment: ["XDG_STATE_HOME": "/dev/null/state"]).termination == .exited(0))
    }

    /// A damaged file is set aside under a name of its own, said in one line, and never
    /// overwritten by the next one.
    @Test func aDamagedProgressFileIsKeptAsideAndSaid() throws {
        let home = try Home()
        defer { home.remove() }
        #expect(try home.run(["set", "size", "1M"]).termination == .exited(0))
        for (attempt, aside) in [(1, ".damaged"), (2, ".damaged-2")] {
            try "{ damaged \(attempt)".write(toFile: home.progress, atomically: false, encoding: .utf8)
            let result = try home.run(["progress"])
            #expect(result.termination == .exited(0))
            #expect(
                result.stderr
                    == "zctour: \(home.progress) could not be read (it is not a progress file zctour can decode); it is kept as "
                    + "\(home.progress)\(aside), and the tour starts over\n")
            #expect(try String(contentsOfFile: home.progress + aside, encoding: .utf8) == "{ damaged \(attempt)")
        }
    }

    /// A progress file that is a link is not followed: kept aside as it is (the link), and what
    /// it points to is neither read nor written.
    @Test func aLinkedProgressFileIsNotFollowed() throws {
        let home = try Home()
        defer { home.remove() }
        #expect(try home.run(["set", "size", "1M"]).termination == .exited(0))
        let victim = home.path + "/victim"
        try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
        #expect(unlink(home.progress) == 0 && symlink(victim, home.progress) == 0)
        let result = try home.run(["set", "size", "2M"])
        #expect(result.termination == .exited(0))
        #expect(result.stderr.contains("could not be read (it is a symbolic link, which zctour does not follow); it is kept as"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        var info = stat()
        #expect(lstat(home.progress, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(lstat(home.progress + ".unreadable", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    }

    /// The history, written through a planted link, overwrote what it pointed to.
    @Test func historyIsNeverWrittenThroughALink() throws {
        let home = try Home()
        defer { home.remove() }
        #expect(try home.run(["set", "size", "1M"]).termination == .exited(0))
        let victim = home.path + "/victim"
        try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
        #expect(symlink(victim, home.state + "/zctour/history") == 0)
        let terminal = try Terminal(environment: home.environment)
        #expect(terminal.waitFor("copies> ") != nil, "\(terminal.diagnosis)")
        terminal.typeAtFreshPrompt("show\r")
        #expect(terminal.waitFor("temporary files") != nil, "\(terminal.diagnosis)")
        terminal.typeAtFreshPrompt("quit\r")
        #expect(terminal.wait() == .exited(0))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        var info = stat()
        #expect(lstat(home.state + "/zctour/history", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "left as it was")
        #expect(terminal.visible().contains("the history in \(home.state)/zctour/history is not used"))
    }

    /// A hand-edited default that `set` would refuse (`"buffer": "0"`) made every run fail; it
    /// is said once and ignored.
    @Test func anInvalidSavedDefaultIsSaidAndIgnored() throws {
        let home = try Home()
        defer { home.remove() }
        #expect(try home.run(["set", "size", "64K"]).termination == .exited(0))
        try #"{"defaults": {"buffer": "0", "size": "64K"}, "page": 0}"#.write(toFile: home.progress, atomically: false, encoding: .utf8)
        let result = try home.run(["run", "read-write", "--to", "null", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(
            result.stderr
                == "zctour: ignored the saved default buffer '0' (buffer must be one size from 1 byte to 1G, e.g. set buffer 4K)\n")
        let record = try #require(result.json?["run"] as? [String: Any])
        #expect(record["buffer"] as? Int == 64 << 10 && record["size"] as? Int == 64 << 10)
    }

    /// As a user root's permissions do not cover (a uid of its own, through setpriv): a progress file
    /// of mode 000 was taken for a first start and overwritten, a reached challenge lost; a
    /// state directory that cannot be written warned and exited 0.
    @Test func anUnreadableProgressFileIsKeptAndAReadOnlyDirectoryFails() throws {
        let user: Unprivileged.User
        switch Unprivileged.user() {
        case .success(let found): user = found
        case .failure(let skip):
            print("skipped: \(skip)")
            return
        }
        let prefix = user.prefix
        let home = try user.directory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["XDG_STATE_HOME": home + "/state", "HOME": home, "TMPDIR": home]
        let progress = home + "/state/zctour/progress.json"
        let first = try Spawned.run(prefix + [Zctour.binary, "set", "size", "1M"], environment: environment, timeout: 30)
        #expect(first.termination == .exited(0), "\(first.stderr)")
        #expect(chmod(progress, 0) == 0)
        let result = try Spawned.run(prefix + [Zctour.binary, "set", "buffer", "4K"], environment: environment, timeout: 30)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(
            result.stderr == "zctour: \(progress) could not be read (EACCES (Permission denied)); it is kept as \(progress).unreadable, "
                + "and the tour starts over\n")
        #expect(chmod(progress + ".unreadable", 0o600) == 0)
        #expect(try String(contentsOfFile: progress + ".unreadable", encoding: .utf8).contains("\"size\" : \"1M\""))

        #expect(chmod(home + "/state/zctour", 0o500) == 0)
        defer { chmod(home + "/state/zctour", 0o700) }
        let readOnly = try Spawned.run(prefix + [Zctour.binary, "predict", "6"], environment: environment, timeout: 30)
        #expect(readOnly.termination == .exited(1), "\(readOnly.stderr)")
        #expect(readOnly.stderr.contains("EACCES") && readOnly.stderr.hasSuffix("progress was not saved\n"), "\(readOnly.stderr)")
    }
}
