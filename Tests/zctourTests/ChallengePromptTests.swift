import Foundation
import Glibc
import TestSupport
import Testing

/// A prediction at a real terminal: the tour asks, the learner types a guess (a wrong one
/// first), the demo runs, and the guess is shown against the measurement.
@Suite(.serialized) struct ChallengePromptTests {
    /// The tour at a terminal, at lesson 2's first question (section 2): the terminal, and its
    /// mark from before `next`.
    static func atTheFirstGuessOfLesson2(_ home: PromptTests.Home) throws -> (Terminal, String.Index) {
        let terminal = try Terminal(environment: home.environment)
        #expect(terminal.waitFor(PromptTests.prompt) != nil, "no prompt: \(terminal.visible())")
        usleep(200_000)
        terminal.type("lesson 2\r")
        #expect(terminal.waitFor("zctour 2/\(Fixtures.lastLesson) buffer> ") != nil, "\(terminal.visible())")
        let mark = terminal.mark
        terminal.type("next\r")
        #expect(terminal.waitFor("your guess (Enter skips)> ", after: mark) != nil, "\(terminal.visible(from: mark))")
        return (terminal, mark)
    }

    @Test func aPredictionAsksAtTheTerminalAndShowsTheGuessAgainstTheMeasurement() throws {
        let home = try PromptTests.Home()
        defer { home.remove() }
        let (terminal, mark) = try Self.atTheFirstGuessOfLesson2(home)
        terminal.type("lots\r")
        #expect(terminal.waitFor("'lots': it is not a number", after: mark) != nil, "\(terminal.visible(from: mark))")
        terminal.type("1,000\r")
        #expect(
            terminal.waitFor(
                sequence: [
                    "Prediction: you guessed 1,000; measured 257 (read-write-alloc.allocations), your guess was 3.9 times too high",
                    "zctour 2/\(Fixtures.lastLesson) buffer> ",
                ], after: mark), "\(terminal.visible(from: mark))")
        terminal.typeAtFreshPrompt("progress\r")
        #expect(terminal.waitFor("you guessed 1,000; measured 257", after: mark) != nil)
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0))
        let saved = try String(contentsOfFile: home.state + "/zctour/progress.json", encoding: .utf8)
        #expect(saved.contains("\"guess\" : 1000"))
        #expect(saved.contains("\"measured\" : 257"))
    }

    /// A command typed at the guess's prompt (a learner who wants to leave, say after a relaunch
    /// that resumed at a question) is not a wrong guess: it is not taken as one, the section
    /// runs, and then the command runs, echoed after the prompt.
    @Test func aCommandTypedAtTheGuessRunsAfterTheSection() throws {
        let home = try PromptTests.Home()
        defer { home.remove() }
        let (terminal, mark) = try Self.atTheFirstGuessOfLesson2(home)
        terminal.type("lesson 3\r")
        #expect(
            terminal.waitFor(
                sequence: [
                    "'lesson 3' is a command, not a guess", "Prediction: measured 257", "no guess was given",
                    "zctour 2/\(Fixtures.lastLesson) buffer> lesson 3", "Lesson 3 of \(Fixtures.lastLesson)",
                    "zctour 3/\(Fixtures.lastLesson) slices> ",
                ], after: mark), "\(terminal.visible(from: mark))")
        #expect(!terminal.visible(from: mark).contains("it is not a number"), "\(terminal.visible(from: mark))")
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0))
    }

    /// `predict 257` at the guess's prompt is this question's guess (it went to the next one),
    /// and `predict abc` a guess that is not a number, asked again.
    @Test func predictTypedAtTheGuessIsTheGuess() throws {
        let home = try PromptTests.Home()
        defer { home.remove() }
        let (terminal, mark) = try Self.atTheFirstGuessOfLesson2(home)
        terminal.type("predict abc\r")
        #expect(terminal.waitFor("'abc': it is not a number", after: mark) != nil, "\(terminal.visible(from: mark))")
        terminal.type("predict 257\r")
        #expect(
            terminal.waitFor(
                "Prediction: you guessed 257; measured 257 (read-write-alloc.allocations), exactly right", after: mark) != nil,
            "\(terminal.visible(from: mark))")
        #expect(!terminal.visible(from: mark).contains("is a command"), "\(terminal.visible(from: mark))")
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0))
    }
}
