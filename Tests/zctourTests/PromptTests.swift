import Foundation
import Glibc
import TestSupport
import Testing

/// The interactive tour through a real pseudo-terminal: what a person would see and do.
@Suite(.serialized) struct PromptTests {
    /// A fresh state directory (progress, history) and TMPDIR for each test.
    struct Home {
        let state: String
        let temporary: String
        init() throws {
            state = try Zctour.scratchDirectory()
            temporary = try Zctour.scratchDirectory()
        }
        var environment: [String: String] { ["XDG_STATE_HOME": state, "TMPDIR": temporary] }
        func remove() {
            try? FileManager.default.removeItem(atPath: state)
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    static let prompt = "zctour 1/\(Fixtures.lastLesson) copies> "

    func start(_ home: Home) throws -> Terminal {
        let terminal = try Terminal(environment: home.environment)
        #expect(terminal.waitFor(Self.prompt) != nil, "no prompt: \(terminal.visible())")
        usleep(200_000)  // see typeAtFreshPrompt
        return terminal
    }

    @Test func firstStartWelcomesListsTheLessonsAndOpensLesson1() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        let screen = terminal.visible()
        #expect(screen.contains("Welcome to zctour"))
        #expect(screen.contains("kernel-user-copies"))
        #expect(screen.contains("Lesson 1 of \(Fixtures.lastLesson) · Kernel and user copies"))
        terminal.type("\u{4}")
        #expect(terminal.wait() == .exited(0))
    }

    @Test func tabCompletesAUniqueCommand() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        let mark = terminal.mark
        terminal.type("he\t")
        #expect(terminal.waitFor("help ", after: mark, timeout: 5) != nil, "\(terminal.visible(from: mark))")
        terminal.type("\u{15}\u{4}")
        #expect(terminal.wait() == .exited(0))
    }

    @Test func tabListsTheDemosThatStartSo() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        let mark = terminal.mark
        terminal.type("run rea\t")
        #expect(terminal.waitFor("read-write-alloc", after: mark, timeout: 5) != nil)
        #expect(terminal.visible(from: mark).contains("read-write  "))
        terminal.type("\u{15}compare mmap --t\t")  // --to and --trace
        #expect(terminal.waitFor("--trace", after: mark, timeout: 5) != nil)
        terminal.type("o so\t")
        #expect(terminal.waitFor("--to socket ", after: mark, timeout: 5) != nil)
        terminal.type("\u{15}\u{4}")
        #expect(terminal.wait() == .exited(0))
    }

    @Test func historyIsRecalledWithUpInASecondRun() throws {
        let home = try Home()
        defer { home.remove() }
        let first = try start(home)
        let typed = first.mark
        first.type("explain syscr\r")
        #expect(first.waitFor(sequence: ["Read-type syscalls", Self.prompt], after: typed))
        first.typeAtFreshPrompt("\u{4}")
        #expect(first.wait() == .exited(0), "\(first.diagnosis)")
        let history = try String(contentsOfFile: home.state + "/zctour/history", encoding: .utf8)
        #expect(history.contains("explain"))

        let second = try Terminal(environment: home.environment)
        #expect(second.waitFor("Welcome back") != nil)
        #expect(second.waitFor(Self.prompt) != nil)
        let mark = second.mark
        second.type("\u{1B}[A")  // Up
        #expect(second.waitFor("explain syscr", after: mark, timeout: 5) != nil)
        second.type("\r")
        // Ctrl-D goes to the prompt that follows the output, not into the command.
        #expect(second.waitFor(sequence: ["Read-type syscalls", Self.prompt], after: mark))
        second.typeAtFreshPrompt("\u{4}")
        #expect(second.wait() == .exited(0), "\(second.diagnosis)")
    }

    @Test func ctrlCStopsALongDemoWithinASecondAndRemovesItsFiles() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        terminal.type("run read-write --size 1G --buffer 512\r")
        usleep(1_500_000)  // writing the sample, or already copying 512 bytes at a time
        let mark = terminal.mark
        terminal.type("\u{3}")
        let took = terminal.waitFor("interrupted: the demo stopped", after: mark, timeout: 5)
        #expect(took != nil && took! < 1.0, "took \(String(describing: took))")
        #expect(terminal.waitFor(Self.prompt, after: mark, timeout: 5) != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.temporary) == [])
        // The prompt still works, and Ctrl-C on a line clears it.
        let again = terminal.mark
        terminal.type("some words\u{3}explain minflt\r")
        #expect(terminal.waitFor("Minor page faults", after: again) != nil)
        #expect(!terminal.visible(from: again).contains("unknown command 'some"))
        terminal.type("quit\r")
        #expect(terminal.wait() == .exited(0))
    }

    /// Ctrl-C while the download server is sending: the demo stops, the prompt comes back, and
    /// zctour has no listening socket and no client process left.
    @Test func ctrlCDuringADownloadLeavesNoServerAndNoClient() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        terminal.type("run http-sendfile --size 256M\r")  // writes the sample
        #expect(terminal.waitFor(sequence: ["verified", Self.prompt], timeout: 60), "\(terminal.visible())")
        let mark = terminal.mark
        // Four million syscalls: several seconds (512-byte writes, a million, once took 977 ms, ending before the Ctrl-C).
        terminal.typeAtFreshPrompt("run http-loop --size 256M --buffer 128\r")
        usleep(1_000_000)
        terminal.type("\u{3}")
        #expect(terminal.waitFor("interrupted: the demo stopped", after: mark, timeout: 5) != nil, "\(terminal.visible(from: mark))")
        #expect(terminal.waitFor(Self.prompt, after: mark, timeout: 5) != nil)
        #expect(try PromptTests.listeningSockets(of: terminal.pid) == 0)
        #expect(PromptTests.children(of: terminal.pid).isEmpty)
        terminal.typeAtFreshPrompt("quit\r")
        #expect(terminal.wait() == .exited(0))
    }

    /// The sockets of `pid` that listen (state 0A in /proc/net/tcp), matched by inode.
    static func listeningSockets(of pid: Int32) throws -> Int {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        let inodes = Set(
            descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)") }
                .filter { $0.hasPrefix("socket:[") }.map { String($0.dropFirst(8).dropLast()) })
        let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        return table.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 9 && fields[3] == "0A" && inodes.contains(String(fields[9]))
        }.count
    }

    /// The processes whose parent is `pid`.
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid
        }
    }

    @Test func aMistypedCommandGetsASuggestion() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        terminal.type("rn mmap\r")
        #expect(terminal.waitFor("unknown command 'rn'; did you mean 'run'?") != nil)
        terminal.type("exit\r")
        #expect(terminal.wait() == .exited(0))
    }

    @Test func utf8EditingWorks() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        terminal.type("set sink caf\u{E9}\u{7F}e\r")  // é, Backspace, e
        #expect(terminal.waitFor(sequence: ["unknown sink 'cafe'", Self.prompt]), "\(terminal.visible())")
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0))
    }

    @Test func progressResumesAtTheRightLessonAndSection() throws {
        let home = try Home()
        defer { home.remove() }
        let first = try start(home)
        first.type("lesson 3\r")
        #expect(first.waitFor("zctour 3/\(Fixtures.lastLesson) slices> ") != nil)
        first.type("next\r")
        #expect(first.waitFor("(2 of ") != nil)
        first.type("quit\r")
        #expect(first.wait() == .exited(0), "\(first.visible().suffix(600))")
        let saved = try String(contentsOfFile: home.state + "/zctour/progress.json", encoding: .utf8)
        #expect(saved.contains("\"lesson\" : \"slices-and-views\""))

        let second = try Terminal(environment: home.environment)
        #expect(
            second.waitFor("Welcome back: lesson 3 of \(Fixtures.lastLesson): slices and views, section 2 of") != nil, "\(second.visible())"
        )
        #expect(second.waitFor("zctour 3/\(Fixtures.lastLesson) slices> ") != nil)
        second.type("reset\r")
        #expect(second.waitFor("Start over? [y/N]") != nil, "\(second.visible())")
        second.type("y\r")
        #expect(second.waitFor(sequence: ["next starts lesson 1", "zctour 1/\(Fixtures.lastLesson) copies> "]))
        second.typeAtFreshPrompt("\u{4}")
        #expect(second.wait() == .exited(0))
    }

    @Test func setDefaultsApplyToRunAndShowLists() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        terminal.type("set buffer 4K\r")
        #expect(terminal.waitFor("buffer is now 4K") != nil)
        let mark = terminal.mark
        terminal.type("run read-write --size 1M\r")
        #expect(terminal.waitFor("read-type (syscr)               257", after: mark) != nil, "\(terminal.visible(from: mark))")
        terminal.type("show\r")
        #expect(terminal.waitFor(sequence: ["buffer           4K", Self.prompt], after: mark))
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0))
    }

    /// SIGTERM at the prompt, after a run has left its workspace (the sample, kept for the next
    /// run) in TMPDIR: zctour removes it and exits with 143 itself. A death by the signal would
    /// report the same 143 to a shell but leave the files; the harness tells the two apart.
    @Test func sigtermAtThePromptExitsAndLeavesNoFiles() throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try start(home)
        let mark = terminal.mark
        terminal.type("run read-write --size 1M\r")
        #expect(terminal.waitFor(sequence: ["read-type (syscr)", Self.prompt], after: mark), "\(terminal.visible(from: mark))")
        let made = try FileManager.default.contentsOfDirectory(atPath: home.temporary)
        #expect(!made.isEmpty, "the run left no workspace, so its removal cannot be seen")
        usleep(200_000)  // at the prompt again, as a person would be
        kill(terminal.pid, SIGTERM)
        #expect(terminal.wait() == .exited(143), "\(terminal.diagnosis)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.temporary) == [])
    }
}
