extension Lesson {
    /// Parses a lesson's Markdown; `path` is for messages. Every line is stripped of escape
    /// sequences and control characters first (`TerminalText`), so nothing a lesson file holds
    /// reaches a terminal or a handout as anything but text.
    public static func parse(_ text: String, path rawPath: String) throws(LessonError) -> Lesson {
        let path = TerminalText.stripped(rawPath)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TerminalText.stripped($0.hasSuffix("\r") ? String($0.dropLast()) : String($0))
        }
        guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else {
            throw LessonError(
                path: path, line: 1, problem: "a lesson starts with front matter between '---' lines (id, number, title, demos)")
        }
        var fields: [String: String] = [:]
        for (index, line) in lines[1..<close].enumerated() where !line.trimmingWhitespace().isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw LessonError(path: path, line: index + 2, problem: "front matter lines are 'key: value', not '\(line)'")
            }
            fields[line[..<colon].trimmingWhitespace()] = line[line.index(after: colon)...].trimmingWhitespace()
        }
        func field(_ name: String) throws(LessonError) -> String {
            guard let value = fields[name], !value.isEmpty else {
                throw LessonError(path: path, line: 1, problem: "the front matter has no '\(name):'")
            }
            return value
        }
        let id = try field("id")
        let numberText = try field("number")
        guard let number = Int(numberText), number > 0 else {
            throw LessonError(path: path, line: 1, problem: "'number: \(numberText)' is not a positive whole number")
        }
        let title = try field("title")
        let demos = (fields["demos"] ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }

        var introduction: [Block] = []
        var sections: [Section] = []
        var sources: [Source] = []
        var sectionTitle: String?
        var blocks: [Block] = []
        var prose: [String] = []
        var proseLines: [Int] = []
        func flushProse() {
            if sectionTitle.map(Lesson.sourcesTitles.contains) == true {
                sources += Lesson.sourceItems(prose, lines: proseLines)
            } else if prose.contains(where: { !$0.trimmingWhitespace().isEmpty }) {
                blocks.append(.prose(prose))
            }
            prose = []
            proseLines = []
        }
        func flushSection() {
            flushProse()
            if sectionTitle.map(Lesson.sourcesTitles.contains) == true {
                // The Sources list is the lesson's footnote, not a page.
            } else if let sectionTitle {
                sections.append(Section(title: sectionTitle, blocks: blocks))
            } else {
                introduction = blocks
            }
            blocks = []
        }
        var index = close + 1
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("```") {
                flushProse()
                let language = line.dropFirst(3).trimmingWhitespace()
                let start = index
                var body: [CommandLine] = []
                index += 1
                while index < lines.count && !lines[index].hasPrefix("```") {
                    body.append(CommandLine(text: lines[index], line: index + 1))
                    index += 1
                }
                guard index < lines.count else {
                    throw LessonError(path: path, line: start + 1, problem: "this code block is never closed with ```")
                }
                let words = language.split(separator: " ")
                if words.first == "challenge" {
                    blocks.append(
                        .challenge(
                            Challenge.parse(
                                id: words.dropFirst().first.map(String.init) ?? "", extra: words.count > 2,
                                fence: start + 1, body: body, path: path)))
                } else if language == "zctour" {
                    blocks.append(.commands(body.filter { !$0.text.trimmingWhitespace().isEmpty && !$0.text.hasPrefix("#") }))
                } else {
                    blocks.append(.code(language: language, lines: body.map(\.text)))
                }
            } else if line.hasPrefix("## ") {
                flushSection()
                sectionTitle = String(line.dropFirst(3)).trimmingWhitespace()
            } else if line.hasPrefix("# ") {
                flushProse()
            } else {
                prose.append(line)
                proseLines.append(index + 1)
            }
            index += 1
        }
        flushSection()
        return Lesson(
            id: id, number: number, title: title, demos: demos, path: path, shortName: fields["prompt"],
            introduction: introduction, sections: sections, sources: sources, languageNote: nil)
    }

    /// The items of a Sources list: each `- ` line, with the indented lines that continue it.
    static func sourceItems(_ lines: [String], lines numbers: [Int]) -> [Source] {
        var items: [Source] = []
        for (text, number) in zip(lines, numbers) {
            let trimmed = text.trimmingWhitespace()
            if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                items.append(Source(text: String(trimmed.dropFirst(2)).trimmingWhitespace(), line: number))
            } else if !trimmed.isEmpty, let last = items.popLast() {
                items.append(Source(text: last.text + " " + trimmed, line: last.line))
            }
        }
        return items
    }
}
