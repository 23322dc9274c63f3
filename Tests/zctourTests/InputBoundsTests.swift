import Foundation
import Glibc
import TestSupport
import Testing

/// Bounded input everywhere (issue 13, items 1 and 4 and the smaller list): whatever arrives on
/// standard input, in a script or as an argument, zctour answers with one line and a status,
/// quickly, and never grows without bound, crashes or repairs the input silently.
@Suite struct InputBoundsTests {
    /// /dev/zero is one endless line: refused once it passes a command line's length. (It grew
    /// to 24 GB and was killed by the OOM killer; under a smaller ulimit -v it exited 0.)
    @Test func anEndlessLineOnStandardInputIsRefusedAtOnce() throws {
        let result = try Spawned.run([Zctour.binary], stdin: "/dev/zero", timeout: 20)
        #expect(result.termination == .exited(2), "\(result.stderr)")
        #expect(
            result.stderr
                == "zctour: standard input, line 1 is longer than 4,096 bytes, the most a command line may be; nothing after it was run\n")
    }

    /// A script is read whole, but never more than a script's size; a directory is not one.
    @Test func aScriptThatIsADeviceOrADirectoryIsRefused() throws {
        let zero = try Zctour.run(["script", "/dev/zero"])
        #expect(zero.termination == .exited(2))
        #expect(zero.stderr == "zctour: cannot read the script /dev/zero: it is larger than 1 MiB; a script is a list of commands\n")
        let directory = try Zctour.run(["script", "/tmp"])
        #expect(directory.termination == .exited(2))
        #expect(directory.stderr == "zctour: cannot read the script /tmp: EISDIR (Is a directory)\n")
    }

    /// Standard input that cannot be read (here a directory, EISDIR) is an error, status 1, not
    /// an empty transcript that exits 0.
    @Test func aReadErrorOnStandardInputIsAnError() throws {
        let result = try Spawned.run([Zctour.binary], stdin: "/tmp", timeout: 20)
        #expect(result.termination == .exited(1), "\(result.stderr)")
        #expect(result.stderr.hasPrefix("zctour: cannot read standard input: read failed on standard input (descriptor 0): EISDIR"))
    }

    /// A line of a megabyte (whose nearest-command suggestion once took seconds) is refused
    /// before anything looks at its words, and the commands before it ran.
    @Test func aHugeLineIsRefusedWithItsPlace() throws {
        let result = try Zctour.run([], input: "list\n" + String(repeating: "x", count: 1 << 20) + "\nlist\n")
        #expect(result.termination == .exited(2))
        #expect(
            result.stderr.hasSuffix(
                "zctour: standard input, line 2 is longer than 4,096 bytes, the most a command line may be; nothing after it was run\n"))
        #expect(result.stdout.components(separatedBy: "> list").count == 2, "only the first list ran")
    }

    /// A NUL (once dropped silently: `show\0run` ran `showrun`), an escape sequence, bytes
    /// that are not UTF-8: the line is named and nothing in the transcript after it runs.
    @Test(arguments: [
        ("show\u{0}run", "holds a control character (NUL) at character 5"),
        ("run read-write \u{1B}]0;owned\u{7}", "holds a control character (ESC) at character 16"),
    ])
    func aLineWithAControlCharacterIsRefused(line: String, problem: String) throws {
        let result = try Zctour.run([], input: line + "\nlist\n")
        #expect(result.termination == .exited(2))
        #expect(result.stderr == "zctour: standard input, line 1 \(problem); a command line is plain text; nothing after it was run\n")
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("lessons"), "\(result.stdout)")
    }

    @Test func aScriptWithABinaryLineRunsNothing() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = folder + "/workshop.zct"
        var bytes = Array("list\nrun read-write --size 1M\n".utf8)
        bytes += [0x72, 0x75, 0x6E, 0x20, 0xFF, 0xFE, 0x0A]  // "run " and two bytes that are not UTF-8
        #expect(FileManager.default.createFile(atPath: script, contents: Data(bytes)))
        let result = try Zctour.run(["script", script])
        #expect(result.termination == .exited(2))
        #expect(
            result.stderr == "zctour: \(script), line 3 is not UTF-8 text (byte 5 is 0xFF), which zctour needs; nothing in it was run\n")
        #expect(result.stdout.isEmpty)
    }

    /// An argument that is not UTF-8 is refused rather than repaired: `-o $'\xff.md'` once
    /// wrote `\xef\xbf\xbd.md`, another file than the one named. (Through sh, since a Swift
    /// string cannot hold the byte.)
    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let folder = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Spawned.run(
            ["/bin/sh", "-c", "cd \"$1\" && exec \"$2\" export --lesson 1 -o \"$(printf '\\377.md')\"", "sh", folder, Zctour.binary],
            timeout: 30)
        #expect(result.termination == .exited(2), "\(result.stderr)")
        #expect(
            result.stderr == "zctour: argument 5 is not UTF-8 text (byte 1 is 0xFF), which zctour needs\n"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    /// A 100 KB argument is refused without being echoed back whole.
    @Test func aHugeArgumentIsNotEchoed() throws {
        let result = try Zctour.run(["run", String(repeating: "a", count: 100_000)])
        #expect(result.termination == .exited(2))
        #expect(
            result.stderr
                == "zctour: argument 2 is 100,000 bytes long; a command line is at most 4,096\n"
        )
        let long = try Zctour.run([String(repeating: "b", count: 4000)])
        #expect(long.termination == .exited(2))
        #expect(long.stderr.count < 200, "\(long.stderr.count) bytes")
        #expect(long.stderr.contains("(4,000 characters)"))
    }

    /// A quote left open was taken as running to the end of the line, so `run "read-write` ran
    /// and `"unterminated` was an unknown command with no word about the quote.
    @Test func anUnclosedQuoteIsSaidSo() throws {
        let result = try Zctour.run([], input: "run \"read-write --size 1M\nlist --width 60 'x\n")
        #expect(result.termination == .exited(1))
        #expect(
            result.stderr
                == "error: this line opens a \" quote and never closes it; close it, or leave it out\n"
                + "error: this line opens a ' quote and never closes it; close it, or leave it out\n"
                + "zctour: 2 commands failed\n", "\(result.stderr)")
        #expect(!result.stdout.contains("verified"))
    }

    /// A transcript given --width is fitted to it, as a terminal is (its footer ran to 86 columns).
    @Test func aTranscriptWithAWidthFitsIt() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try Zctour.run(["--width", "60"], environment: ["XDG_STATE_HOME": state], input: "lesson 3\n")
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("next continues with section 2 of") }, "\(result.stdout)")
        #expect(lines.allSatisfy { ChineseTests.columns(String($0)) <= 60 }, "\(lines.filter { ChineseTests.columns(String($0)) > 60 })")
    }

    @Test func helpOfAnUnknownCommandIsAnError() throws {
        let result = try Zctour.run(["help", "nonsense"])
        #expect(result.termination == .exited(2))
        #expect(result.stderr == "zctour: unknown command 'nonsense' (help lists the commands)\n")
        let prompt = try Zctour.run([], input: "help nonsense\n")
        #expect(prompt.termination == .exited(1))
        #expect(prompt.stderr.hasPrefix("error: unknown command 'nonsense' (help lists the commands)\n"))
    }

    /// The parser keeps the last of two values without a word; zctour says so instead.
    @Test func anOptionGivenTwiceIsRefused() throws {
        let result = try Zctour.run(["run", "read-write", "--size", "1M", "--size=2M"])
        #expect(result.termination == .exited(2))
        #expect(result.stderr == "zctour: --size is given more than once (1M and 2M); give it once\n")
        // A list option may repeat, as export's --lesson does.
        let export = try Zctour.run(["export", "--lesson", "nope", "--lesson", "2"])
        #expect(export.stderr.hasPrefix("zctour: unknown lesson 'nope'"))
    }

    /// Negative numbers were "Missing value" or an unknown option; now the range or the rule.
    @Test(arguments: [
        (["run", "read-write", "--width", "-5"], "zctour: --width must be between 40 and 400 columns, not -5\n"),
        (["trace", "read-write", "--lines", "-1"], "zctour: --lines must be between 0 and 100000, not -1\n"),
        (["lesson", "-1"], "zctour: '-1' is a negative number, and lesson takes none here (help lesson shows its usage)\n"),
    ])
    func aNegativeNumberGetsItsRule(arguments: [String], message: String) throws {
        let result = try Zctour.run(arguments)
        #expect(result.termination == .exited(2))
        #expect(result.stderr == message)
    }

    /// Under a locale that is not UTF-8, nothing but ASCII reaches the terminal (×, µ and box
    /// drawing once did); JSON stays UTF-8.
    @Test func aNonUTF8LocaleGetsASCII() throws {
        let arguments = ["compare", "read-write", "pread", "--size", "256K", "--to", "null"]
        let plain = try Zctour.run(arguments, environment: ["LANG": "C", "LC_ALL": "C"])
        #expect(plain.termination == .exited(0), "\(plain.stderr)")
        #expect(plain.stdout.utf8.allSatisfy { $0 < 0x80 }, "\(plain.stdout.filter { !$0.isASCII })")
        #expect(plain.stdout.contains("1.00x"))
        let unicode = try Zctour.run(arguments, environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
        #expect(unicode.stdout.contains("1.00×"))
    }
}
