import Foundation
import Glibc
import TestSupport
import Testing
import Tour

/// Random command lines and lesson files through the parsers that take text from outside:
/// the command-line checks, tokenizer and parser (as the prompt, scripts and lessons use them),
/// completion, and the lesson parser with lint. Nothing may trap: a Swift trap ends the test
/// process, and the case that did it is in `lastCase` (written before each one runs). Seeded,
/// so a run repeats: `ZCTOUR_FUZZ_SEED` picks another seed, `ZCTOUR_FUZZ_SECONDS` the time per
/// target (2 in `make test`, longer with `make fuzz`). A crash it finds becomes a case in
/// `FuzzTests.found` below.
@Suite struct FuzzTests {
    static let seconds = ProcessInfo.processInfo.environment["ZCTOUR_FUZZ_SECONDS"].flatMap(Double.init) ?? 2
    static let seed = ProcessInfo.processInfo.environment["ZCTOUR_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5A43_544F_5552
    static let lastCase = NSTemporaryDirectory() + "zctour-fuzz-last-case"

    /// SplitMix64: small, fast, and the same sequence everywhere for a seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Words a command line is made of: the real vocabulary, and the shapes that broke parsers
    /// (negative and huge numbers, empty quotes, `=`, ranges, lists, odd Unicode, controls).
    static let words: [String] = {
        var words = CommandCatalog.shared.names
        for command in CommandCatalog.shared.commands {
            for option in command.options {
                words += option.names + option.values + option.names.map { $0 + "=" }
            }
            words += command.positionals.flatMap(\.values)
        }
        words += [
            "-1", "-0", "--", "-", "0", "1", "4K", "64M", "1G", "2T", "99999999999999999999", "9223372036854775807", "8E",
            "512..4M", "4M..512", "..", "1,2,,3", ",", "\"", "'", "\"\"", "''", "\"a b\"", "'unclosed", "é", "日本", "\u{301}",
            "\u{1B}[2J", "\u{0}", "\t", "\u{FEFF}", "\u{202E}", "#", "help", "--help", "-h", "--version", "last.syscr", "==", "*",
        ]
        return words
    }()

    static func line(_ random: inout Generator) -> String {
        var parts: [String] = []
        for _ in 0..<Int.random(in: 0...7, using: &random) {
            if Int.random(in: 0..<10, using: &random) == 0 {
                parts.append(String((0..<Int.random(in: 1...8, using: &random)).map { _ in Character(randomScalar(&random)) }))
            } else {
                parts.append(words.randomElement(using: &random) ?? "")
            }
        }
        return parts.joined(separator: Int.random(in: 0..<8, using: &random) == 0 ? "  " : " ")
    }

    static func randomScalar(_ random: inout Generator) -> Unicode.Scalar {
        while true {
            let value =
                Int.random(in: 0..<4, using: &random) == 0
                ? UInt32.random(in: 0...0x10FFFF, using: &random) : UInt32.random(in: 0...0x7F, using: &random)
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    /// Records the case about to run, so a trap leaves it behind.
    static func note(_ text: String) {
        let fd = open(lastCase, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    static func commandLine(_ text: String) {
        note("command line: " + text)
        _ = try? CommandLineText.check(text)
        let words = CommandTokenizer.split(text)
        _ = try? CommandCatalog.shared.checkWords(words)
        _ = try? ZCTour.parseAsRoot(words)
        _ = Completer(lessons: []).candidates(before: text)
        _ = try? Claim.parse(text).evaluate([])
    }

    /// Crashes fuzzing found, kept as cases (none so far).
    static let found: [String] = []

    @Test func randomCommandLinesNeverTrap() {
        var random = Generator(state: FuzzTests.seed)
        for text in FuzzTests.found { FuzzTests.commandLine(text) }
        let start = Date()
        var count = 0
        while Date().timeIntervalSince(start) < FuzzTests.seconds {
            FuzzTests.commandLine(FuzzTests.line(&random))
            count += 1
        }
        #expect(count > 0)
        unlink(FuzzTests.lastCase)
    }

    /// The shipped lessons, mutated: lines dropped, repeated, cut, swapped for a fence, a front
    /// matter line, a check, a random command line or random characters.
    @Test func mutatedLessonsNeverTrapTheParserOrLint() throws {
        let folder = Fixtures.lessons.path
        let texts = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        try #require(!texts.isEmpty)
        var random = Generator(state: FuzzTests.seed ^ 0xA5A5)
        let inserts = [
            "```zctour", "```", "```challenge x", "```challenge", "---", "## ", "# ", "id: x", "number: -1", "number: 99999999999999999999",
            "title:", "expect read-write.syscr == 1", "expect a.b * 9223372036854775807 == 0", "predict last.syscr:", "predict :",
            "check: last.syscr < 1", "goal:", "solution: run read-write", "naive: check-all", "hint:", "  continued", "key value",
        ]
        let start = Date()
        var count = 0
        while Date().timeIntervalSince(start) < FuzzTests.seconds {
            var lines = (texts.randomElement(using: &random) ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
            for _ in 0..<Int.random(in: 1...6, using: &random) where !lines.isEmpty {
                let at = Int.random(in: 0..<lines.count, using: &random)
                switch Int.random(in: 0..<6, using: &random) {
                case 0: lines.remove(at: at)
                case 1: lines.insert(lines[at], at: at)
                case 2: lines[at] = String(lines[at].prefix(Int.random(in: 0...max(0, lines[at].count), using: &random)))
                case 3: lines.insert(inserts.randomElement(using: &random) ?? "", at: at)
                case 4: lines.insert(FuzzTests.line(&random), at: at)
                default: lines[at] += String((0..<4).map { _ in Character(FuzzTests.randomScalar(&random)) })
                }
            }
            let text = lines.joined(separator: "\n")
            FuzzTests.note("lesson:\n" + text)
            if let lesson = try? Lesson.parse(text, path: "fuzz.md") { _ = lesson.pages.count }
            _ = LessonLint.problems(in: [("fuzz.md", text)])
            count += 1
        }
        #expect(count > 0)
        unlink(FuzzTests.lastCase)
    }
}
