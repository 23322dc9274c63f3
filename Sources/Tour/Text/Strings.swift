/// The tour's fixed texts in its two languages, one row each: the English column, then the
/// Chinese. Rows cover what a learner reads at the prompt (the welcome, a section's footer, the
/// hints, the check and challenge lines) and the most common errors. Command names, option
/// names, demo ids, counter names and numbers are the same in both columns; JSON has no row
/// here: it is for programs and stays English.
public enum Strings {
    static var language: Language { Language.current }

    // MARK: - The welcome and the prompt's hints

    static func welcome(_ bold: (String) -> String) -> String {
        language.pick(
            en: bold("Welcome to zctour,") + " a live tour of zero-copy I/O on Linux. Every number you will see is "
                + "measured now, on this machine, by the kernel's own counters; every demo checks its bytes.",
            zh: bold("欢迎来到 zctour，") + "这是一场 Linux 零拷贝 I/O 的现场之旅。你将看到的每个数字都是此刻在这台机器上"
                + "由内核自己的计数器测出来的；每个演示都会校验它搬运的字节。")
    }

    static let startHint = Row(
        en: "Type next to go on, help for the commands, Tab to complete, Ctrl-D to leave.",
        zh: "输入 next 继续，help 查看命令，Tab 补全，Ctrl-D 退出。")

    static func welcomeBack(_ bold: (String) -> String, position: String, done: String) -> String {
        language.pick(en: bold("Welcome back:") + " \(position); \(done) done.", zh: bold("欢迎回来：") + "\(position)；已完成 \(done)。")
    }

    static let lessonsTitle = Row(en: "Lessons", zh: "课程")

    /// A prediction's question at the prompt, and what Ctrl-C or Ctrl-D there does.
    static let guessPrompt = Row(en: "your guess (Enter skips)> ", zh: "你的猜测（回车跳过）> ")
    static let noGuess = Row(en: "  (no guess; the demo runs and shows the answer)", zh: "  （没有猜测；演示照常运行并给出答案）")
    static func commandAtGuess(_ line: String) -> String {
        language.pick(
            en: "  ('\(line)' is a command, not a guess: no guess is taken; it runs when this section has run)",
            zh: "  （'\(line)' 是命令，不是猜测：这里不记猜测；本节运行完之后执行它）")
    }

    /// A guess that is not a number, with what would be one.
    static func notANumber(_ answer: String, problem: String) -> String {
        language.pick(
            en: "  '\(answer)': \(problem); type a number such as 257 or 16M, or press Enter to skip",
            zh: "  '\(answer)' 不是可用的数（\(problem)）；请输入 257 或 16M 这样的数，或按回车跳过")
    }

    // MARK: - A prediction against its measurement

    static let predictLabel = Row(en: "Predict: ", zh: "预测：")
    static let predictionLabel = Row(en: "Prediction: ", zh: "预测结果：")
    static func notMeasured(_ reason: String) -> String { language.pick(en: "not measured: \(reason)", zh: "没有测到：\(reason)") }
    static func measured(_ value: String) -> String { language.pick(en: "measured \(value) ", zh: "实测 \(value) ") }
    static let noGuessGiven = Row(en: "; no guess was given", zh: "；没有给出猜测")
    static func youGuessed(_ value: String) -> String { language.pick(en: "you guessed \(value); ", zh: "你猜 \(value)；") }
    /// Between the measurement and what the guess missed by.
    static let verdictSeparator = Row(en: ", ", zh: "，")
    static let exactlyRight = Row(en: "exactly right", zh: "完全正确")
    static func oneShort(_ missed: String) -> String { language.pick(en: "one short: \(missed)", zh: "少了一个：\(missed)") }
    static func offBy(_ difference: String) -> String { language.pick(en: "off by \(difference)", zh: "差了 \(difference)") }
    static func timesTheGuess(_ ratio: String) -> String {
        language.pick(en: "\(ratio) times your guess", zh: "是你猜的 \(ratio) 倍")
    }
    static func guessTooHigh(_ ratio: String) -> String {
        language.pick(en: "your guess was \(ratio) times too high", zh: "你猜的是实测的 \(ratio) 倍")
    }
    /// What one more than the guess is, for the counts a read loop makes one extra of.
    static let endOfFileReadCounts = Row(
        en: "the read that returns 0 at the end of the file is a syscall, and it counts",
        zh: "在文件末尾返回 0 的那次 read 也是一次系统调用，也算在内")
    static let endOfFileReadAllocates = Row(
        en: "the loop makes a buffer for the read that finds the end of the file too",
        zh: "发现文件末尾的那次 read 之前，循环也分配了一个缓冲区")

    static let returningHint = Row(
        en: "next goes on, prev goes back, lessons lists them, reset starts over.",
        zh: "next 继续，prev 返回，lessons 列出全部课程，reset 从头开始。")

    static func position(lesson: Int, of lessons: Int, title: String, section: Int, of sections: Int) -> String {
        language.pick(
            en: "lesson \(lesson) of \(lessons): \(title), section \(section) of \(sections)",
            zh: "第 \(lesson) 课（共 \(lessons) 课）：\(title)，第 \(section) 节（共 \(sections) 节）")
    }

    // MARK: - A section's footer

    /// After a section's title at the prompt: `(2 of 8)`.
    static func sectionPlace(_ section: Int, of sections: Int) -> String {
        language.pick(en: "(\(section) of \(sections))", zh: "（第 \(section) 节，共 \(sections) 节）")
    }

    static func nextSection(_ section: Int, of sections: Int) -> String {
        language.pick(
            en: "next continues with section \(section) of \(sections); try your own variations first (run, compare, set).",
            zh: "next 进入第 \(section) 节（共 \(sections) 节）；不妨先自己改改参数试试（run、compare、set）。")
    }

    static func endOfLesson(_ number: Int, nextLesson: Int?) -> String {
        guard let nextLesson else {
            return language.pick(
                en: "End of lesson \(number): that was the last lesson; lessons lists them all.",
                zh: "第 \(number) 课结束：这是最后一课；lessons 列出全部课程。")
        }
        return language.pick(
            en: "End of lesson \(number): next starts lesson \(nextLesson).", zh: "第 \(number) 课结束：next 开始第 \(nextLesson) 课。")
    }

    static func lessonHeader(_ number: Int, of lessons: Int, dot: String, title: String) -> String {
        language.pick(en: "Lesson \(number) of \(lessons) \(dot) \(title)", zh: "第 \(number) 课（共 \(lessons) 课）\(dot) \(title)")
    }

    /// Said at the top of a lesson shown in English because it has no translation.
    static let untranslated = Row(
        en: "This lesson has no Chinese translation yet; it is shown in English.",
        zh: "本课还没有中文译本，以下为英文原文。")

    static func unreadableTranslation(_ problem: String) -> String {
        language.pick(
            en: "The Chinese translation of this lesson cannot be used (\(problem)); it is shown in English.",
            zh: "本课的中文译本无法使用（\(problem)），以下为英文原文。")
    }

    static func languageSet(_ language: Language, cleared: Bool) -> String {
        if cleared {
            return language.pick(
                en: "lang follows the locale again (LC_ALL, LC_MESSAGES, LANG): en", zh: "lang 重新跟随区域设置（LC_ALL、LC_MESSAGES、LANG）：zh")
        }
        return language.pick(en: "lang is now en: lessons and the prompt in English", zh: "lang 现为 zh：课程和提示均为中文")
    }

    static let sources = Row(en: "Sources", zh: "参考资料")

    // MARK: - Checks

    static func claimsHeld(_ count: Int, guided: Bool) -> (held: String, how: String) {
        (
            language.pick(en: "\(count) claims held", zh: "\(count) 条论断成立"),
            guided
                ? language.pick(en: "checks lists them", zh: "checks 列出它们")
                : language.pick(en: "--verbose lists them", zh: "--verbose 列出它们")
        )
    }

    // MARK: list

    static let listDemos = Row(en: "Demos", zh: "演示（说明为英文）")
    static let listTitle = Row(en: "title", zh: "标题")
    static let listDemo = Row(en: "demo", zh: "演示")
    static let listWhat = Row(en: "what it does", zh: "作用")

    static func listNext(guided: Bool) -> String {
        guided
            ? language.pick(
                en: "lesson N opens a lesson; run DEMO tries a demo; help lists the commands.",
                zh: "lesson N 打开一课；run DEMO 试一个演示；help 列出所有命令。")
            : language.pick(
                en: "zctour starts the tour; zctour lesson 1 prints a lesson; zctour run read-write --buffer 4K tries a demo.",
                zh: "zctour 开始导览；zctour lesson 1 打印一课；zctour run read-write --buffer 4K 试一个演示。")
    }

    // MARK: Presenter mode (--step)

    static func presenterNext(_ mark: String, title: String, section: Int, of count: Int) -> String {
        language.pick(
            en: "\(mark) next: \(title) (\(section) of \(count))  Enter continues, q stops",
            zh: "\(mark) 下一节：\(title)（第 \(section) 节，共 \(count) 节）  Enter 继续，q 停止")
    }

    static func presenterNextShort(_ mark: String, section: Int, of count: Int) -> String {
        language.pick(en: "\(mark) \(section) of \(count)  Enter continues, q stops", zh: "\(mark) \(section)/\(count)  Enter 继续，q 停止")
    }

    static func presenterGuess(_ mark: String) -> String {
        language.pick(
            en: "\(mark) the room guesses; Enter runs the demo and shows the answer, q stops",
            zh: "\(mark) 请大家先猜；Enter 运行演示并给出答案，q 停止")
    }

    static func presenterGuessShort(_ mark: String) -> String {
        language.pick(en: "\(mark) Enter shows the answer, q stops", zh: "\(mark) Enter 给出答案，q 停止")
    }

    static var presenterMore: String {
        language.pick(en: "-- more --  Enter shows the next screen, q stops", zh: "-- 更多 --  Enter 显示下一屏，q 停止")
    }

    static func checksHeld(_ passed: Int, of count: Int) -> String {
        language.pick(en: "\(passed) of \(count) checks held on this machine", zh: "\(count) 项检查中有 \(passed) 项在这台机器上成立")
    }

    static func checksFailed(_ bad: Int, of count: Int) -> String {
        language.pick(en: "\(bad) of \(count) checks did not hold", zh: "\(count) 项检查中有 \(bad) 项不成立")
    }

    static func checksUnchecked(_ count: Int) -> String {
        language.pick(en: ", \(count) could not be checked here", zh: "，\(count) 项在这里无法检查")
    }

    // MARK: - Challenges

    static func challengeOn(_ bold: (String) -> String, id: String, goal: String) -> String {
        language.pick(en: bold("Challenge \(id)") + " is on: " + goal, zh: bold("挑战 \(id)") + " 开始：" + goal)
    }

    static func challengeTitle(_ id: String) -> String { language.pick(en: "Challenge \(id)", zh: "挑战 \(id)") }

    static func challengeAtThePrompt(_ id: String) -> String {
        language.pick(
            en: "(at the prompt: challenge \(id) starts it, check measures your runs)",
            zh: "（在提示符下：challenge \(id) 开始挑战，check 衡量你的运行）")
    }

    static let challengeRuns = Row(
        en: "Your runs count from now on. check measures them against the goal; hint gives a hint.",
        zh: "从现在起你的运行都会计入。check 用目标衡量它们；hint 给出提示。")

    static func challengeReached(_ id: String) -> String {
        language.pick(en: "Challenge \(id) reached", zh: "挑战 \(id) 完成")
    }

    static func runsSinceBegan(_ count: Int) -> String {
        language.pick(en: "(your runs since it began: \(count))", zh: "（开始以来你运行了 \(count) 次）")
    }

    static func notYet(_ id: String) -> String { language.pick(en: "Not yet: \(id)", zh: "尚未完成：\(id)") }

    static func runsAndTry(_ runs: Int, try tries: Int) -> String {
        language.pick(
            en: "(\(runs) run\(runs == 1 ? "" : "s") since it began, try \(tries))", zh: "（开始以来运行 \(runs) 次，第 \(tries) 次尝试）")
    }

    static func challengesDone(_ done: Int, of count: Int) -> String {
        language.pick(en: "\(done) of \(count) challenge\(count == 1 ? "" : "s")", zh: "\(count) 个挑战中的 \(done) 个")
    }

    static func tally(_ challenges: String, lesson: Int, of lessons: Int) -> String {
        language.pick(en: challenges + ", lesson \(lesson) of \(lessons)", zh: challenges + "，第 \(lesson) 课（共 \(lessons) 课）")
    }

    static func allChallengesDone(_ tally: String) -> String {
        language.pick(en: "Every challenge of this lesson is done (\(tally)).", zh: "本课的挑战全部完成（\(tally)）。")
    }

    /// The end of a sentence that ends in a tally or a number.
    static let fullStop = Row(en: ".", zh: "。")

    static func hintLabel(_ number: Int, of count: Int) -> String {
        language.pick(en: "Hint \(number) of \(count): ", zh: "提示 \(number)/\(count)：")
    }
    static let lastHint = Row(en: "That was the last hint.", zh: "这是最后一条提示。")
    static func noHints(solutionNow: Bool, tries: Int) -> String {
        language.pick(
            en: "This challenge has no hints. "
                + (solutionNow ? "solution shows the reference solution." : "After \(tries) tries, solution shows the reference solution."),
            zh: "这个挑战没有提示。" + (solutionNow ? "solution 显示参考答案。" : "尝试 \(tries) 次之后，solution 显示参考答案。"))
    }
    static let referenceSolution = Row(en: "The reference solution:", zh: "参考答案：")
    static func referenceSolution(of id: String) -> String {
        language.pick(en: "The reference solution of \(id):", zh: "\(id) 的参考答案：")
    }
    static let typeTheSolution = Row(
        en: "Type it, then check: your own runs count, not the reference's.", zh: "自己输入它，再 check：算数的是你自己的运行，不是参考答案的。")
    static func lessonChallengesDone(_ lesson: Int) -> String {
        language.pick(en: "Every challenge of lesson \(lesson) is done; next goes on.", zh: "第 \(lesson) 课的挑战全部完成；next 继续。")
    }
    static func nothingRunYet(_ id: String) -> String { language.pick(en: "Nothing run yet for \(id): ", zh: "\(id) 还没有运行过：") }
    static let tryRunOrCompare = Row(en: "Try run or compare, then check again.", zh: "先用 run 或 compare 试试，再 check。")
    static let checkIsNotATry = Row(
        en: "No run since the last check, so this check is not a try; run or compare first.",
        zh: "上次 check 之后没有新的运行，所以这次 check 不算一次尝试；请先 run 或 compare。")
    static func hintsLeft(_ count: Int) -> String {
        language.pick(en: "hint gives a hint (\(count) left)", zh: "hint 给出提示（还剩 \(count) 条）")
    }
    static func solutionShows(now: Bool, tries: Int) -> String {
        language.pick(
            en: now ? "solution shows the reference solution" : "solution shows after \(tries) tries",
            zh: now ? "solution 显示参考答案" : "尝试 \(tries) 次之后 solution 显示参考答案")
    }
    /// Between the parts of a line of help (`hint gives a hint; solution shows …`).
    static let helpSeparator = Row(en: "; ", zh: "；")
    static func solutionNotYet(_ left: Int) -> String {
        language.pick(
            en: "Not yet: the reference solution shows once you reach the goal, or after "
                + (left == 1 ? "1 more check that misses it" : "\(left) more checks that miss it")
                + " (a check counts when you ran something since the last one).",
            zh: "还不行：达成目标后就会显示参考答案，或者再有 \(left) 次没达成目标的 check 之后（上次 check 之后运行过什么，这次 check 才算数）。")
    }
    static let hintMeanwhile = Row(en: "hint gives a hint meanwhile.", zh: "这期间可以用 hint 获得提示。")
    static let goalColon = Row(en: ": ", zh: "：")
    /// A challenge in the list: reached, or the one on now.
    static let challengeDoneMark = Row(en: "done", zh: "已完成")
    static let challengeOnMark = Row(en: "on", zh: "进行中")
    static func currentChallenge(_ id: String) -> String { language.pick(en: "Current: \(id)", zh: "当前：\(id)") }
    static let startsAChallenge = Row(en: " challenge ID (or N.M) starts one.", zh: "challenge ID（或 N.M）开始一个挑战。")
    /// A check that missed: what was measured and what the goal needs.
    static func measuredNeeds(_ measured: String, _ comparison: String, _ needed: String) -> String {
        language.pick(en: "measured \(measured), needs \(comparison) \(needed)", zh: "实测 \(measured)，需要 \(comparison) \(needed)")
    }

    // MARK: - progress

    static let progressLesson = Row(en: "lesson", zh: "课程")
    static let progressRead = Row(en: "read", zh: "读完")
    static let progressChallenges = Row(en: "challenges", zh: "挑战")
    static let progressNone = Row(en: "none", zh: "无")
    static func progressCount(_ done: Int, of count: Int) -> String { language.pick(en: "\(done) of \(count)", zh: "\(done)/\(count)") }
    static func lessonsRead(_ read: Int, of count: Int) -> String {
        language.pick(en: ", \(read) of \(count) lessons read to the end", zh: "，读完 \(count) 课中的 \(read) 课")
    }
    static let predictionsTitle = Row(en: "Predictions", zh: "预测")
    static func onNow(_ id: String) -> String {
        language.pick(en: "On now: challenge \(id); check measures your runs against it.", zh: "进行中：挑战 \(id)；check 用它衡量你的运行。")
    }

    // MARK: - Common errors

    static func unknownCommand(_ word: String, nearest: String?) -> String {
        let hint = nearest.map { language.pick(en: "; did you mean '\($0)'?", zh: "；你是想输入 '\($0)' 吗？") } ?? ""
        return language.pick(en: "unknown command '\(word)'\(hint) (help lists the commands)", zh: "未知命令 '\(word)'\(hint)（help 列出全部命令）")
    }

    static func unknownLesson(_ name: String, known: String) -> String {
        language.pick(en: "unknown lesson '\(name)'; the lessons are \(known)", zh: "未知课程 '\(name)'；现有课程：\(known)")
    }

    static func invalidSize(_ text: String, problem: String) -> String {
        language.pick(
            en: "invalid size '\(text)': \(problem); use a whole number of bytes with an optional binary suffix K, M, G or T "
                + "(4K = 4096 bytes, 64M, 1G)",
            zh: "无效的大小 '\(text)'：\(problem)；请用字节数的整数，可加二进制后缀 K、M、G 或 T（4K = 4096 字节，64M，1G）")
    }

    static func unknownLanguage(_ text: String) -> String {
        language.pick(en: "unknown language '\(text)'; use zh (Chinese) or en (English)", zh: "未知语言 '\(text)'；请用 zh（中文）或 en（英文）")
    }

    /// A row without arguments.
    struct Row {
        let en: String
        let zh: String
        var text: String { Language.current.pick(en: en, zh: zh) }
    }
}
