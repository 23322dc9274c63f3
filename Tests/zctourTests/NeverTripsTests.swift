import Foundation
import Glibc
import TestSupport
import Testing

/// The tour never trips the learner up, at a real terminal (a pseudo-terminal driving the
/// built binary): Ctrl-C in any mode of the line editor gives an empty prompt, Ctrl-C at a
/// prediction takes back only the question, reset asks first, presenter mode pauses at a
/// prediction, and long work shows its progress on stderr, only at a terminal, without
/// changing what is counted.
@Suite(.serialized) struct NeverTripsTests {
    /// One small lesson with a prediction, its demo, a check, and what to remember after them.
    static func predictionLessons() throws -> String {
        let folder = try Zctour.scratchDirectory()
        let lesson = """
            ---
            id: tiny
            number: 1
            title: Tiny
            demos: read-write
            ---

            # Tiny

            An introduction.

            ## First

            ```zctour
            predict read-write.syscw: How many writes for 64 KiB with a 4 KiB buffer?
            run read-write --size 64K --buffer 4K --to null
            expect read-write.syscw == 16
            ```

            **What to remember:** sixteen chunks, sixteen writes.

            ## Second

            The second section.

            """
        try lesson.write(toFile: folder + "/01-tiny.md", atomically: true, encoding: .utf8)
        return folder
    }

    static let tinyPrompt = "zctour 1/1 tiny> "

    /// The last lesson's number, which the prompt shows ("lesson N of M"), read from lessons/ so
    /// that a new lesson changes no test; numbers may have gaps, so it is not the count of files.
    static var lessonCount: Int { Fixtures.lastLesson }

    static func prompt(_ number: Int, _ name: String) -> String { "zctour \(number)/\(lessonCount) \(name)> " }

    func start(_ home: PromptTests.Home, lessons: String? = nil, extra: [String: String] = [:]) throws -> Terminal {
        var environment = home.environment
        if let lessons { environment["ZCTOUR_LESSONS"] = lessons }
        for (key, value) in extra { environment[key] = value }
        let terminal = try Terminal(environment: environment)
        #expect(terminal.waitFor(lessons == nil ? Self.prompt(1, "copies") : Self.tinyPrompt) != nil, "no prompt: \(terminal.visible())")
        usleep(200_000)  // see typeAtFreshPrompt
        return terminal
    }

    /// Ctrl-R searches the history; Ctrl-C there used to end zctour with status 0, as if
    /// Ctrl-D had been typed. Now it gives an empty prompt, and the session goes on.
    @Test func ctrlCInIncrementalSearchGivesAnEmptyPrompt() throws {
        let home = try PromptTests.Home()
        defer { home.remove() }
        let terminal = try start(home)
        terminal.type("explain syscr\r")
        #expect(terminal.waitFor(sequence: ["Read-type syscalls", Self.prompt(1, "copies")]))
        let mark = terminal.mark
        terminal.typeAtFreshPrompt("\u{12}expl")  // Ctrl-R, then the start of the word
        // libedit draws the search's prompt, then the line it found, then each key typed.
        #expect(terminal.waitFor(sequence: ["bck:e", "explain syscr"], after: mark, timeout: 5), "\(terminal.visible(from: mark))")
        usleep(200_000)
        terminal.type("\u{3}")
        #expect(terminal.waitFor(Self.prompt(1, "copies"), after: mark, timeout: 5) != nil, "\(terminal.diagnosis)")
        #expect(terminal.wait(timeout: 0.5) == nil, "zctour ended: \(terminal.diagnosis)")
        // The prompt is empty: what is typed now is the whole line.
        let after = terminal.mark
        terminal.typeAtFreshPrompt("explain minflt\r")
        #expect(terminal.waitFor("Minor page faults", after: after) != nil, "\(terminal.visible(from: after))")
        #expect(!terminal.visible(from: after).contains("unknown command"))
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0), "\(terminal.diagnosis)")
    }

    /// vi mode (a learner's ~/.editrc may ask for it): a search started with / in command
    /// mode used to beep at Ctrl-C and wait for more keys. Now it gives an empty prompt too.
    @Test func ctrlCInViSearchGivesAnEmptyPrompt() throws {
        let home = try PromptTests.Home()
        defer { home.remove() }
        let editrc = home.state + "/editrc"
        try "bind -v\n".write(toFile: editrc, atomically: true, encoding: .utf8)
        let terminal = try start(home, extra: ["EDITRC": editrc])
        let mark = terminal.mark
        terminal.type("abc\u{1B}")  // some text, then Esc: command mode
        usleep(200_000)
        terminal.type("/expl")  // a history search
        #expect(terminal.waitFor("/expl", after: mark, timeout: 5) != nil, "\(terminal.visible(from: mark))")
        terminal.type("\u{3}")
        #expect(terminal.waitFor(Self.prompt(1, "copies"), after: mark, timeout: 5) != nil, "\(terminal.diagnosis)")
        let after = terminal.mark
        terminal.typeAtFreshPrompt("explain minflt\r")
        #expect(terminal.waitFor("Minor page faults", after: after) != nil, "\(terminal.visible(from: after))")
        terminal.typeAtFreshPrompt("quit\r")
        #expect(terminal.wait() == .exited(0), "\(terminal.diagnosis)")
    }

    /// Ctrl-C at a prediction's question (after typing part of a guess), or Ctrl-D on its empty
    /// line, takes back the question, not the section: its demo runs, the measurement is shown,
    /// and so is the rest of the section.
    @Test(arguments: ["12\u{3}", "\u{4}"])
    func ctrlCOrCtrlDAtAPredictionLetsTheSectionGoOn(keys: String) throws {
        let home = try PromptTests.Home()
        let lessons = try Self.predictionLessons()
        defer {
            home.remove()
            try? FileManager.default.removeItem(atPath: lessons)
        }
        // The first section (the introduction's page) asks at once.
        var environment = home.environment
        environment["ZCTOUR_LESSONS"] = lessons
        let terminal = try Terminal(environment: environment)
        let mark = terminal.mark
        #expect(terminal.waitFor("your guess (Enter skips)> ", after: mark) != nil, "\(terminal.visible(from: mark))")
        usleep(200_000)
        terminal.type(keys)
        #expect(
            terminal.waitFor(
                sequence: [
                    "(no guess; the demo runs and shows the answer)", "Prediction: measured 16 (read-write.syscw); no guess was given",
                    "✓ read-write.syscw == 16", "What to remember: sixteen chunks, sixteen writes.", "section 2 of 2", Self.tinyPrompt,
                ], after: mark), "\(terminal.visible(from: mark))")
        #expect(!terminal.visible(from: mark).contains("interrupted"))
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0), "\(terminal.diagnosis)")
    }

    /// reset asks at a terminal; anything but y keeps the progress, and so does Ctrl-C.
    @Test func resetAsksFirstAtATerminal() throws {
        let home = try PromptTests.Home()
        defer { home.remove() }
        let terminal = try start(home)
        terminal.type("lesson 3\r")
        #expect(terminal.waitFor(Self.prompt(3, "slices")) != nil)
        var mark = terminal.mark
        terminal.typeAtFreshPrompt("reset\r")
        #expect(
            terminal.waitFor("reset forgets your place (lesson 3 of \(Self.lessonCount): slices and views, section 1 of", after: mark)
                != nil,
            "\(terminal.visible(from: mark))")
        #expect(terminal.waitFor("Start over? [y/N] ", after: mark) != nil)
        terminal.type("n\r")
        #expect(terminal.waitFor(sequence: ["Nothing was reset.", Self.prompt(3, "slices")], after: mark))
        mark = terminal.mark
        terminal.typeAtFreshPrompt("reset\r")
        #expect(terminal.waitFor("[y/N] ", after: mark) != nil)
        terminal.type("\u{3}")
        #expect(
            terminal.waitFor(sequence: ["Nothing was reset.", Self.prompt(3, "slices")], after: mark), "\(terminal.visible(from: mark))")
        #expect(!terminal.visible(from: mark).contains("interrupted"))
        mark = terminal.mark
        terminal.typeAtFreshPrompt("reset\r")
        #expect(terminal.waitFor("[y/N] ", after: mark) != nil)
        terminal.type("y\r")
        #expect(
            terminal.waitFor(sequence: ["next starts lesson 1", Self.prompt(1, "copies")], after: mark), "\(terminal.visible(from: mark))")
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0))
        let saved = try String(contentsOfFile: home.state + "/zctour/progress.json", encoding: .utf8)
        #expect(!saved.contains("slices-and-views"))
    }

    /// Where nobody can answer, reset needs --yes, and says so in one line.
    @Test func resetInAPipeNeedsYes() throws {
        let home = try PromptTests.Home()
        defer { home.remove() }
        let refused = try Zctour.run(["reset"], environment: home.environment)
        #expect(refused.termination == .exited(2))
        #expect(
            refused.stderr
                == "zctour: reset forgets all progress, and nobody is at a terminal to confirm it; a script says reset --yes\n")
        let piped = try Zctour.run([], environment: home.environment, input: "set buffer 4K\nreset\n")
        #expect(piped.termination == .exited(1), "\(piped.stderr)")
        #expect(piped.stderr.contains("a script says reset --yes"))
        #expect(try String(contentsOfFile: home.state + "/zctour/progress.json", encoding: .utf8).contains("\"4K\""))
        let done = try Zctour.run(["reset", "--yes"], environment: home.environment)
        #expect(done.termination == .exited(0), "\(done.stderr)")
        #expect(done.stdout == "Progress and defaults cleared: next starts lesson 1.\n")
        #expect(!(try String(contentsOfFile: home.state + "/zctour/progress.json", encoding: .utf8).contains("\"4K\"")))
    }

    /// Presenter mode: a prediction's question waits on its own, so the room can answer
    /// before the demo runs and the measurement is shown.
    @Test func stepPausesAtAPredictionBeforeTheAnswer() throws {
        let lessons = try Self.predictionLessons()
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        let terminal = try Terminal(environment: ["ZCTOUR_LESSONS": lessons], arguments: ["lesson", "1", "--step"])
        #expect(terminal.waitFor("next: First (1 of 2)") != nil, "\(terminal.diagnosis)")
        var mark = terminal.mark
        terminal.type("\r")
        #expect(
            terminal.waitFor(
                sequence: [
                    "Predict: How many writes for 64 KiB with a 4 KiB buffer?",
                    "the room guesses; Enter runs the demo and shows the answer",
                ],
                after: mark), "\(terminal.diagnosis)")
        usleep(300_000)
        #expect(!terminal.visible(from: mark).contains("$ zctour run"), "the demo ran before the pause")
        #expect(!terminal.visible(from: mark).contains("Prediction: measured"))
        mark = terminal.mark
        terminal.type("\r")
        #expect(
            terminal.waitFor(
                sequence: ["$ zctour run read-write", "Prediction: measured 16", "What to remember", "next: Second (2 of 2)"], after: mark),
            "\(terminal.diagnosis)")
        terminal.type("q")
        #expect(terminal.wait() == .exited(0), "\(terminal.diagnosis)")
        // q at the prediction's pause stops there, with the checks so far.
        let second = try Terminal(environment: ["ZCTOUR_LESSONS": lessons], arguments: ["lesson", "1", "--step"])
        #expect(second.waitFor("next: First (1 of 2)") != nil)
        second.type("\r")
        #expect(second.waitFor("the room guesses") != nil)
        second.type("q")
        #expect(second.wait() == .exited(0), "\(second.diagnosis)")
        #expect(second.visible().contains("stopped at a prediction in section 1 of 2"))
        #expect(!second.visible().contains("Prediction: measured"))
    }

    /// A run longer than the delay shows its progress on stderr at a terminal, bytes done of
    /// the total, and erases it before the result; into a pipe nothing is drawn; and the
    /// counts are the same either way, since only the drawer thread draws.
    @Test func aLongRunShowsProgressAtATerminalOnlyAndCountsTheSame() throws {
        // 512-byte reads: long enough (half a million calls) for the progress line to be drawn during
        // the run on an idle machine too, where the line is redrawn four times a second.
        let arguments = ["run", "read-write", "--size", "128M", "--buffer", "512", "--to", "file", "--width", "100"]
        let home = try PromptTests.Home()
        defer { home.remove() }
        // No delay: on an idle machine the run itself may take less than any delay there is.
        let environment = home.environment.merging(["ZCTOUR_PROGRESS_DELAY": "0"]) { $1 }
        let terminal = try Terminal(environment: environment, arguments: arguments)
        #expect(terminal.wait(timeout: 60) == .exited(0), "\(terminal.diagnosis)")
        let raw = terminal.output
        let screen = terminal.visible()
        #expect(screen.contains("writing the sample file: "), "\(screen.prefix(600))")
        #expect(screen.contains("read-write: ") && screen.contains(" of 128 MiB"), "\(screen.prefix(600))")
        #expect(screen.contains("· Ctrl-C stops it"))
        // Erased before the result: after its last drawing, the line is cleared.
        let last = try #require(raw.range(of: "Ctrl-C stops it", options: .backwards))
        let result = try #require(raw.range(of: "read-type (syscr)"))
        #expect(last.upperBound < result.lowerBound)
        #expect(raw[last.upperBound..<result.lowerBound].contains("\r\u{1B}[2K"))

        let piped = try Zctour.run(arguments, environment: environment)
        #expect(piped.termination == .exited(0), "\(piped.stderr)")
        #expect(!piped.stderr.contains("Ctrl-C stops it") && !piped.stderr.contains("\r") && !piped.stdout.contains("\r"))
        for counter in ["read-type (syscr)", "write-type (syscw)", "rchar", "wchar", "allocations", "transfer syscalls issued"] {
            let withProgress = Self.value(of: counter, in: screen)
            #expect(withProgress != nil, "no \(counter) in \(screen)")
            #expect(withProgress == Self.value(of: counter, in: piped.stdout), "\(counter)")
        }
        // Minor faults are not the run's alone: a page it touches while the kernel's compaction
        // migrates it faults once more (mm/migrate.c, migration entries), so two runs may differ
        // by one or two (0 against 1 was seen with compaction running). The progress line's
        // thread must not add faults of its own: few, in both.
        for text in [screen, piped.stdout] {
            let faults = Self.value(of: "minor (minflt)", in: text).flatMap { Int($0.replacingOccurrences(of: ",", with: "")) }
            #expect(faults.map { $0 < 16 } == true, "minflt \(String(describing: faults))")
        }
        #expect(Self.value(of: "read-type (syscr)", in: screen) == "262,145")  // 128 MiB / 512 + the end-of-file read
    }

    /// export runs lessons for a while: at a terminal, which lesson of how many is on stderr.
    /// (With the line drawn at once, ZCTOUR_PROGRESS_DELAY=0, on a lesson of half a second.)
    @Test func exportShowsWhichLessonRuns() throws {
        let lessons = try Zctour.scratchDirectory()
        let lesson = """
            ---
            id: tiny
            number: 1
            title: Tiny
            demos: read-write
            ---

            # Tiny

            ```zctour
            run read-write --size 32M --buffer 64K --to null
            ```

            """
        try lesson.write(toFile: lessons + "/01-tiny.md", atomically: true, encoding: .utf8)
        let out = try Zctour.scratchDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: lessons)
            try? FileManager.default.removeItem(atPath: out)
        }
        let terminal = try Terminal(
            environment: ["ZCTOUR_LESSONS": lessons, "ZCTOUR_PROGRESS_DELAY": "0", "TMPDIR": out],
            arguments: ["export", "-o", out + "/handout.md"])
        #expect(terminal.wait(timeout: 60) == .exited(0), "\(terminal.diagnosis)")
        #expect(terminal.visible().contains("export: lesson 1 of 1 (tiny)"), "\(terminal.visible())")
        #expect(terminal.visible().contains("wrote \(out)/handout.md"))
        let piped = try Zctour.run(
            ["export", "-o", out + "/again.md"], environment: ["ZCTOUR_LESSONS": lessons, "ZCTOUR_PROGRESS_DELAY": "0"])
        #expect(piped.termination == .exited(0))
        #expect(piped.stderr.isEmpty, "\(piped.stderr)")
    }

    /// The value after a counter's name in the run view (`read-type (syscr)   32,769`).
    static func value(of counter: String, in text: String) -> String? {
        guard let range = text.range(of: counter + " ") else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " }
        let value = rest.prefix { $0 != " " && $0 != "\n" }
        // A size keeps its unit: `128 MiB`.
        let unit = rest.dropFirst(value.count).prefix { $0 != "\n" }.split(separator: " ").first
        if let unit, ["B", "KiB", "MiB", "GiB"].contains(unit) { return "\(value) \(unit)" }
        return String(value)
    }
}
