import Foundation

/// The workshop kit (`samples/workshop/`) cannot drift from the lessons: every command its
/// Markdown names (a `zctour …` code span, a `$ zctour …` or `zctour …` line in a code block)
/// and every line of its scripts parses as zctour would parse it, and every lesson, `--from`
/// section, challenge and script it names exists. `lint` reports what does not; `check-all`
/// runs the scripts.
public enum WorkshopLint {
    /// A command named in a workshop file, without the leading `zctour`.
    public struct Command: Sendable, Equatable {
        public let text: String
        public let line: Int
    }

    /// The workshop files beside the lessons: `samples/workshop/` in a checkout or in
    /// `share/zctour`, found from the lessons' folder.
    public static func folder(besideLessons lessons: String) -> String? {
        let folder = URL(fileURLWithPath: lessons).deletingLastPathComponent().appendingPathComponent("samples/workshop").path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue ? folder : nil
    }

    /// The Markdown and script files of a workshop folder, sorted.
    public static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".md") || $0.hasSuffix(".zct") }.sorted().map { folder + "/" + $0 }
    }

    /// The commands a Markdown file names, in order.
    public static func commands(inMarkdown text: String) -> [Command] {
        var found: [Command] = []
        var fence: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.hasPrefix("```") {
                fence = fence == nil ? String(line.dropFirst(3)).trimmingWhitespace() : nil
                continue
            }
            if let fence {
                var command = line.hasPrefix("$ ") ? String(line.dropFirst(2)) : line
                if command.hasPrefix("zctour ") {
                    command = String(command.dropFirst("zctour ".count))
                } else if fence != "zctour" || command.isEmpty || command.hasPrefix("#") {
                    continue
                }
                found.append(Command(text: command.trimmingWhitespace(), line: index + 1))
                continue
            }
            var rest = Substring(line)
            while let open = rest.range(of: "`zctour ") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: "`") else { break }
                found.append(Command(text: String(after[..<close]).trimmingWhitespace(), line: index + 1))
                rest = after[after.index(after: close)...]
            }
        }
        return found
    }

    /// The command lines of a script: every line but blanks and `#` comments.
    public static func commands(inScript text: String) -> [Command] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.trimmingWhitespace()
            return line.isEmpty || line.hasPrefix("#") ? nil : Command(text: line, line: index + 1)
        }
    }

    /// Every problem of the workshop files; `root` is the folder their `script` paths are
    /// relative to (the checkout, or `share/zctour`).
    public static func problems(in files: [(path: String, text: String)], library: LessonLibrary, root: String) -> [LessonError] {
        var found: [LessonError] = []
        for (path, text) in files {
            let script = path.hasSuffix(".zct")
            let commands = script ? commands(inScript: text) : commands(inMarkdown: text)
            for command in commands {
                if let problem = problem(command.text, library: library, root: root) {
                    found.append(LessonError(path: path, line: command.line, problem: problem))
                }
            }
        }
        return found
    }

    /// What is wrong with one command, or nil.
    static func problem(_ text: String, library: LessonLibrary, root: String) -> String? {
        let words = CommandTokenizer.split(text)
        guard !words.isEmpty else { return "an empty command" }
        do {
            try CommandCatalog.shared.checkWords(words)
            let command = try ZCTour.parseAsRoot(words)
            guard command is TourCommand else { return "'\(text)' is not a command of the tour" }
            if let lesson = command as? LessonCommand {
                let chosen = try library.lesson(lesson.name)
                if let from = lesson.from { _ = try library.section(from, of: chosen) }
            } else if let challenge = command as? ChallengeCommand, let id = challenge.name {
                let known = library.lessons.flatMap { lesson in
                    lesson.challenges.enumerated().flatMap { [$0.element.id, "\(lesson.number).\($0.offset + 1)"] }
                }
                if !known.contains(id) { return "'\(text)': no lesson has a challenge '\(id)'" }
            } else if let script = command as? ScriptCommand {
                let file = script.file.hasPrefix("/") ? script.file : root + "/" + script.file
                if !FileManager.default.fileExists(atPath: file) { return "'\(text)': no such script \(script.file)" }
            } else if command is RunCommand || command is TraceCommand || command is CompareCommand {
                return LessonLint.commandProblem(text)
            }
        } catch let error as UsageError {
            return "'\(text)': \(error)"
        } catch {
            return "'\(text)': \(ZCTour.message(for: error))"
        }
        return nil
    }
}
