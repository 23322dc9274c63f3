import Foundation
import Glibc
import TestSupport
import Testing

/// The tour in Chinese: chosen by the locale or --lang, the English lesson where no
/// translation is, the same progress in both languages, lint holding translations to their
/// originals, and Chinese text wrapped by display width.
@Suite struct ChineseTests {
    static let chinese = ["LANG": "zh_CN.UTF-8"]

    /// Columns as a terminal draws them: glibc's wcwidth(3) where C.UTF-8 is there, else East
    /// Asian Wide and Fullwidth characters (the UAX #11 ranges Chinese text uses) two.
    static func columns(_ line: String) -> Int {
        if SystemWidth.available { return line.unicodeScalars.reduce(0) { $0 + (SystemWidth.columns($1) ?? 1) } }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD,
        ]
        return line.unicodeScalars.reduce(0) { sum, scalar in sum + (wide.contains { $0.contains(scalar.value) } ? 2 : 1) }
    }

    /// A lessons folder of the shipped lessons `names` (English) and the translations
    /// `translated`, for fallback and lint tests.
    static func folder(_ names: [String], translated: [String], edit: (String) -> String = { $0 }) throws -> String {
        let folder = try Zctour.scratchDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/zh", withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(atPath: Zctour.lessons + "/" + name, toPath: folder + "/" + name)
        }
        for name in translated {
            let text = try String(contentsOfFile: Zctour.lessons + "/zh/" + name, encoding: .utf8)
            try edit(text).write(toFile: folder + "/zh/" + name, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let first = "01-kernel-user-copies.md"
    static let second = "02-buffer-reuse.md"

    @Test(arguments: [60, 80, 100]) func lesson1InChineseFitsTheWidthAndEveryCheckHolds(width: Int) throws {
        let result = try Zctour.run(["lesson", "1", "--width", String(width)], environment: Self.chinese)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stdout.contains("内核态与用户态的拷贝"))
        #expect(result.stdout.contains("每一种零拷贝技术都要和同一个基线比较"))
        #expect(result.stdout.contains("项检查中有"), "the summary line in Chinese")
        #expect(!result.stdout.contains("did not hold"))
        #expect(!result.stdout.contains("The loop every blog post starts with"))
        for line in result.stdout.split(separator: "\n") {
            #expect(Self.columns(String(line)) <= width, "over \(width) columns: \(line)")
        }
        // The first paragraph is longer than any width here: it wraps onto more lines.
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("每一种零拷贝技术") })
        #expect(lines[start + 1].contains("拆开来看") || lines[start + 1].hasPrefix("的一块"), "\(lines[start...start + 2])")
    }

    @Test func langEnOverridesTheLocale() throws {
        let result = try Zctour.run(["lesson", "1", "--lang", "en"], environment: Self.chinese)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stdout.contains("Lesson 1 of"))
        #expect(result.stdout.contains("Kernel and user copies"))
        #expect(!result.stdout.contains("内核态"))
    }

    /// POSIX: LC_ALL over LC_MESSAGES over LANG; an empty one does not count.
    @Test(arguments: [
        (["LANG": "C.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"], true),
        (["LANG": "zh_CN.UTF-8", "LC_ALL": "C"], false),
        (["LANG": "zh_TW.UTF-8", "LC_ALL": ""], true),
        (["LANG": "en_GB.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"], true),
    ])
    func theLocaleChoosesTheLanguage(environment: [String: String], chinese: Bool) throws {
        var environment = environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] where environment[name] == nil { environment[name] = "" }
        let result = try Zctour.run(["lesson", "7"], environment: environment)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stdout.contains("留在内核里的拷贝") == chinese, "\(environment)")
    }

    @Test func aLessonWithoutATranslationIsShownInEnglishWithOneLineSayingSo() throws {
        let folder = try Self.folder([Self.first, Self.second], translated: [Self.first])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let english = try Zctour.run(["lesson", "2"], environment: Self.chinese.merging(["ZCTOUR_LESSONS": folder]) { $1 })
        #expect(english.termination == .exited(0), "\(english.stderr)")
        let lines = english.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count > 3)
        #expect(lines[0] == "第 2 课（共 2 课）· Reusing the buffer")
        #expect(lines[2] == "本课还没有中文译本，以下为英文原文。")
        #expect(english.stdout.components(separatedBy: "没有中文译本").count == 2, "said once")
        let translated = try Zctour.run(["lesson", "1"], environment: Self.chinese.merging(["ZCTOUR_LESSONS": folder]) { $1 })
        #expect(translated.stdout.contains("内核态与用户态的拷贝"))
        #expect(!translated.stdout.contains("没有中文译本"))
    }

    @Test func progressIsKeyedByLessonIdAndSharedBetweenLanguages() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let home = ["XDG_STATE_HOME": state]
        let chinese = try Zctour.run([], environment: home.merging(Self.chinese) { $1 }, input: "lesson 7\nnext\n")
        #expect(chinese.termination == .exited(0), "\(chinese.stderr)")
        #expect(chinese.stdout.contains("第 2 节"), "\(chinese.stdout)")
        let saved = try String(contentsOfFile: state + "/zctour/progress.json", encoding: .utf8)
        #expect(saved.contains("copy-file-range"), "\(saved)")
        let english = try Zctour.run(["show"], environment: home.merging(["LANG": "C.UTF-8"]) { $1 })
        #expect(english.stdout.contains("lesson 7 of"), "\(english.stdout)")
        #expect(english.stdout.contains("section 2 of"), "\(english.stdout)")
    }

    @Test func setLangPersistsAtThePromptAndLangOnTheCommandLineWins() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let home = ["XDG_STATE_HOME": state, "LANG": "C.UTF-8"]
        let set = try Zctour.run([], environment: home, input: "set lang zh\nshow\n")
        #expect(set.termination == .exited(0), "\(set.stderr)")
        #expect(set.stdout.contains("lang 现为 zh"), "\(set.stdout)")
        #expect(set.stdout.contains("页缓存的冷与热") == false)
        let switched = try Zctour.run([], environment: home, input: "set lang en\nlesson 9\nset lang zh\n")
        #expect(switched.stdout.contains("The page cache, cold and warm"), "set lang lasts past its line: \(switched.stdout)")
        let again = try Zctour.run([], environment: home, input: "lesson 9\n")
        #expect(again.stdout.contains("页缓存的冷与热"), "\(again.stdout)")
        let english = try Zctour.run(["--lang", "en"], environment: home, input: "lesson 9\n")
        #expect(english.stdout.contains("The page cache, cold and warm"), "\(english.stdout)")
        let bad = try Zctour.run([], environment: home, input: "set lang fr\n")
        #expect(bad.stderr.contains("未知语言 'fr'；请用 zh（中文）或 en（英文）"), "in the language set before: \(bad.stderr)")
    }

    @Test func commonErrorsComeInChinese() throws {
        let command = try Zctour.run(["lesso", "1"], environment: Self.chinese)
        #expect(command.termination == .exited(2))
        #expect(command.stderr == "zctour: 未知命令 'lesso'；你是想输入 'lesson' 吗？（help 列出全部命令）\n")
        let lesson = try Zctour.run(["lesson", "99"], environment: Self.chinese)
        #expect(lesson.termination == .exited(2))
        #expect(lesson.stderr.hasPrefix("zctour: 未知课程 '99'；现有课程：1 kernel-user-copies"), "\(lesson.stderr)")
        let size = try Zctour.run(["run", "read-write", "--size", "12Q"], environment: Self.chinese)
        #expect(size.termination == .exited(2))
        #expect(size.stderr.contains("无效的大小 '12Q'"), "\(size.stderr)")
        let language = try Zctour.run(["list", "--lang", "fr"])
        #expect(language.termination == .exited(2))
        #expect(language.stderr == "zctour: unknown language 'fr'; use zh (Chinese) or en (English)\n")
    }

    /// The welcome, the lesson and the prompt's footer through a real pseudo-terminal.
    @Test func thePromptWelcomesInChinese() throws {
        let state = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let terminal = try Terminal(environment: ["XDG_STATE_HOME": state, "LANG": "zh_CN.UTF-8"], columns: 100)
        #expect(terminal.waitFor("copies> ") != nil, "no prompt: \(terminal.visible())")
        let screen = terminal.visible()
        #expect(screen.contains("欢迎来到 zctour"), "\(screen)")
        #expect(screen.contains("输入 next 继续"), "\(screen)")
        #expect(screen.contains("内核态与用户态的拷贝"), "\(screen)")
        #expect(screen.contains("next 进入第 2 节"), "\(screen)")
        terminal.typeAtFreshPrompt("\u{4}")
        #expect(terminal.wait() == .exited(0))
    }

    @Test func jsonStaysEnglish() throws {
        let result = try Zctour.run(["lesson", "7", "--json"], environment: Self.chinese)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let checks = try #require(result.json?["checks"] as? [[String: Any]])
        #expect(checks.allSatisfy { $0["outcome"] as? String == "passed" })
        #expect(result.stdout.contains("\"outcome\""))
    }

    @Test func lintCatchesATranslationWhoseBlocksDiffer() throws {
        let changed = try Self.folder([Self.first], translated: [Self.first]) {
            $0.replacingOccurrences(of: "expect read-write@4K.syscr == 257", with: "expect read-write@4K.syscr == 258")
        }
        defer { try? FileManager.default.removeItem(atPath: changed) }
        let result = try Zctour.run(["lint", changed])
        #expect(result.termination == .exited(1))
        let english = try String(contentsOfFile: Zctour.lessons + "/" + Self.first, encoding: .utf8)
        let line =
            try #require(
                english.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "expect read-write@4K.syscr == 257" })
            + 1
        let translation = try String(contentsOfFile: changed + "/zh/" + Self.first, encoding: .utf8)
        let here =
            try #require(
                translation.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                    $0 == "expect read-write@4K.syscr == 258"
                }) + 1
        #expect(
            result.stdout
                == "\(changed)/zh/\(Self.first):\(here): block 1 (```zctour): 'expect read-write@4K.syscr == 258' differs from "
                + "'expect read-write@4K.syscr == 257' in \(changed)/\(Self.first):\(line)\n", "\(result.stdout)")
    }

    /// A prediction's question and a challenge's goal and hints are words a learner reads, so a
    /// translation gives them in its language; what they measure stays the original's, so a
    /// changed expression is still a difference.
    @Test func lintLetsAQuestionBeTranslatedButNotWhatItMeasures() throws {
        /// The translation with its lines that start with `prefix` (the first of each) replaced.
        func replacing(_ replacements: [(prefix: String, line: String)]) -> (String) -> String {
            { text in
                var lines = text.components(separatedBy: "\n")
                for (prefix, line) in replacements {
                    if let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) { lines[index] = line }
                }
                return lines.joined(separator: "\n")
            }
        }
        let translated = try Self.folder(
            [Self.first], translated: [Self.first],
            edit: replacing([
                ("predict read-write@4K.syscr: ", "predict read-write@4K.syscr: 64 MiB 的文件、4 KiB 的缓冲区，循环会做多少次 read？"),
                ("goal: ", "goal: 用少于 100 次 read 读完文件。"), ("hint: ", "hint: 缓冲区越大，read 越少。"),
            ]))
        defer { try? FileManager.default.removeItem(atPath: translated) }
        let clean = try Zctour.run(["lint", translated])
        #expect(clean.termination == .exited(0), "\(clean.stdout)\(clean.stderr)")

        let changed = try Self.folder(
            [Self.first], translated: [Self.first],
            edit: replacing([("predict read-write@4K.syscr: ", "predict read-write@4K.syscw: 循环会做多少次 write？")]))
        defer { try? FileManager.default.removeItem(atPath: changed) }
        let result = try Zctour.run(["lint", changed])
        #expect(result.termination == .exited(1))
        #expect(
            result.stdout.contains("'predict read-write@4K.syscw: 循环会做多少次 write？' differs from 'predict read-write@4K.syscr: "),
            "\(result.stdout)")
    }

    @Test func lintCatchesAMissingBlockAndAMissingSection() throws {
        let cut = try Self.folder([Self.first], translated: [Self.first]) { text in
            // Drop the second challenge block and the "## 比较" heading.
            var lines = text.components(separatedBy: "\n")
            if let start = lines.firstIndex(of: "```challenge thousand-writes"), let end = lines[start...].dropFirst().firstIndex(of: "```")
            {
                lines.removeSubrange(start...end)
            }
            lines.removeAll { $0 == "## 比较" }
            return lines.joined(separator: "\n")
        }
        defer { try? FileManager.default.removeItem(atPath: cut) }
        let result = try Zctour.run(["lint", cut + "/zh/" + Self.first])
        #expect(result.termination == .exited(1))
        #expect(result.stdout.contains("has 8 sections ('## ' headings), \(cut)/\(Self.first) has 9"), "\(result.stdout)")
        #expect(result.stdout.contains("block 7 (```challenge thousand-writes of \(cut)/\(Self.first):"), "\(result.stdout)")
        #expect(result.stdout.contains("is missing; copy it unchanged"), "\(result.stdout)")
    }

    /// A workshop plan names sections in English; in Chinese, `--from` takes those headings
    /// too and starts at the same section, translated (it said "lesson 5 has no section"), so
    /// the plan lints clean in both languages.
    @Test func fromTakesTheEnglishHeadingInAChineseLesson() throws {
        let result = try Zctour.run(["lesson", "sendfile", "--from", "Copies on the way out"], environment: Self.chinese)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stdout.contains("## 发送途中的拷贝") || result.stdout.contains("发送途中的拷贝"), "\(result.stdout.prefix(600))")
        #expect(!result.stdout.contains("io.Copy 替你做了什么"))
        let lint = try Zctour.run(
            ["lint", Fixtures.lessons.deletingLastPathComponent().appendingPathComponent("samples/workshop").path],
            environment: Self.chinese)
        #expect(lint.termination == .exited(0), "\(lint.stdout)\(lint.stderr)")
        let unknown = try Zctour.run(["lesson", "sendfile", "--from", "Nowhere"], environment: Self.chinese)
        #expect(unknown.termination == .exited(2))
    }

    /// `list`'s headings and its closing line in Chinese; the demo summaries stay English, and
    /// the heading says so (they were all English under a Chinese list).
    @Test func listIsChineseWhereItIsTranslated() throws {
        let result = try Zctour.run(["list"], environment: Self.chinese)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "课程")
        #expect(lines.contains("演示（说明为英文）"))
        #expect(lines.contains { $0.contains("标题") } && lines.contains { $0.contains("作用") })
        #expect(result.stdout.contains("zctour 开始导览") && !result.stdout.contains("tries a demo"))
    }

    /// Presenter mode's prompts are the lesson's language (they were English under a Chinese lesson).
    @Test func stepPromptsInChinese() throws {
        let terminal = try Terminal(environment: Self.chinese, arguments: ["lesson", "1", "--step"], rows: 40, columns: 100)
        #expect(terminal.waitFor("下一节：") != nil, "\(terminal.diagnosis)")
        #expect(terminal.visible().contains("Enter 继续，q 停止"), "\(terminal.diagnosis)")
        #expect(!terminal.visible().contains("Enter continues"))
        terminal.type("q")
        #expect(terminal.wait() == .exited(0), "\(terminal.diagnosis)")
    }

    @Test func checkAllHoldsInChinese() throws {
        let result = try Zctour.run(["check-all", "1", "7"], environment: Self.chinese)
        #expect(result.termination == .exited(0), "\(result.stderr)\n\(result.stdout)")
    }
}
