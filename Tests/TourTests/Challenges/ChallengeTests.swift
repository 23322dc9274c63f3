import Foundation
import Testing
import Tour

/// The lesson format's challenge blocks and predict lines, lint on text, and progress files
/// written before challenges existed.
@Suite struct ChallengeTests {
    static let lesson = """
        ---
        id: demo-lesson
        number: 7
        title: A lesson
        demos: read-write
        ---

        # A lesson

        ## First

        ```zctour
        predict read-write@4K.syscr: How many reads?
        compare read-write --size 1M --buffer 4K,1M
        ```

        ## Challenges

        ```challenge few-reads
        goal: Copy 16 MiB in fewer
          than 100 reads.
        check: read-write.bytes >= 16M
        check: read-write.syscr < 100
        hint: One read per buffer.
        hint: Try --buffer,
          a big one.
        solution: run read-write --size 16M --buffer 1M
        naive: run read-write --size 16M
        ```

        ## Sources

        - proc(5), `/proc/pid/io`.
        """

    @Test func aChallengeBlockParses() throws {
        let lesson = try Lesson.parse(Self.lesson, path: "07-demo.md")
        let challenge = try #require(lesson.challenges.first)
        #expect(lesson.challenges.count == 1)
        #expect(challenge.id == "few-reads")
        #expect(challenge.line == 19)
        #expect(challenge.goal == "Copy 16 MiB in fewer than 100 reads.")
        #expect(challenge.checks.map(\.text) == ["read-write.bytes >= 16M", "read-write.syscr < 100"])
        #expect(challenge.checks.map(\.line) == [22, 23])
        #expect(challenge.hints == ["One read per buffer.", "Try --buffer, a big one."])
        #expect(challenge.solution.map(\.text) == ["run read-write --size 16M --buffer 1M"])
        #expect(challenge.naive.map(\.text) == ["run read-write --size 16M"])
        #expect(challenge.problems.isEmpty)
        #expect(challenge.key(in: lesson) == "demo-lesson/few-reads")
        #expect(LessonLint.problems(in: [("07-demo.md", Self.lesson)]).isEmpty)
    }

    @Test func aPredictionParsesAndItsMistakesAreOneLine() throws {
        let prediction = try Prediction.parse("read-write@4K.syscr + read-write@4K.syscw: How many syscalls?")
        #expect(prediction.expression == "read-write@4K.syscr + read-write@4K.syscw")
        #expect(prediction.question == "How many syscalls?")
        #expect(throws: UsageError("predict needs 'EXPRESSION: question', e.g. predict read-write.syscr: How many reads?")) {
            try Prediction.parse("read-write.syscr")
        }
        #expect(throws: UsageError("predict 'read-write.syscr' has no question after the ':'")) {
            try Prediction.parse("read-write.syscr:")
        }
    }

    @Test func lintFindsWhatIsWrongInAChallenge() {
        let broken = Self.lesson
            .replacingOccurrences(of: "```challenge few-reads", with: "```challenge Few_Reads")
            .replacingOccurrences(of: "check: read-write.syscr < 100", with: "check: read-write.sysrc < 100")
            .replacingOccurrences(of: "hint: One read per buffer.", with: "tip: One read per buffer.")
        let problems = LessonLint.problems(in: [("07-demo.md", broken)]).map(\.description)
        #expect(
            problems == [
                "07-demo.md:19: 'challenge Few_Reads': the id is one word of a-z, 0-9 and -",
                "07-demo.md:23: 'read-write.sysrc' names an unknown counter 'sysrc'; did you mean 'syscr'?",
                "07-demo.md:24: a challenge line is 'KEY: value' with KEY one of goal, check, hint, solution, naive, not 'tip: One read per buffer.'",
            ])
    }

    /// A progress file from before challenges: it loads, with nothing done and nothing lost.
    @Test func anOlderProgressFileStillLoads() throws {
        let old = #"{"defaults": {"buffer": "4K"}, "finished": ["kernel-user-copies"], "lesson": "mmap", "page": 2}"#
        let progress = try JSONDecoder().decode(Progress.self, from: Data(old.utf8))
        #expect(progress.lesson == "mmap")
        #expect(progress.page == 2)
        #expect(progress.finished == ["kernel-user-copies"])
        #expect(progress.defaults.buffer == "4K")
        #expect(progress.challengesDone.isEmpty)
        #expect(progress.challenge == nil)
        #expect(progress.predictions.isEmpty)

        // Runs another version wrote, which this one cannot read, are dropped, not the file.
        let foreign =
            #"{"lesson": "mmap", "page": 0, "finished": [], "defaults": {}, "challenge": {"key": "mmap/few-copy-writes", "tries": 2, "hints": 1, "runs": [{"demo": 1}]}}"#
        let kept = try JSONDecoder().decode(Progress.self, from: Data(foreign.utf8))
        #expect(kept.challenge?.key == "mmap/few-copy-writes")
        #expect(kept.challenge?.tries == 2)
        #expect(kept.challenge?.runs.isEmpty == true)
    }
}
