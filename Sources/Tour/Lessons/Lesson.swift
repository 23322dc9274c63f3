/// A lesson file, parsed: front matter, then sections (`## ...`) made of prose, plain code
/// blocks, and `zctour` blocks whose lines the tour runs (commands and `expect` checks).
public struct Lesson: Sendable, Equatable {
    public let id: String
    public let number: Int
    public let title: String
    public let demos: [String]
    public let path: String
    public let shortName: String?
    /// Text before the first `##`, after the `#` title.
    public let introduction: [Block]
    public let sections: [Section]
    /// The lesson's `## Sources` section: the man pages, kernel files and library files behind
    /// its claims about Linux and libraries, one list item each. Not a page of its own: the
    /// tour shows it where the lesson ends, a handout under its last section.
    public let sources: [Source]
    /// Why a Chinese learner sees this lesson in English, when they do.
    public var languageNote: LanguageNote?

    public enum LanguageNote: Sendable, Equatable {
        /// No file of the same name in `lessons/zh/`.
        case untranslated
        /// A translation that does not parse, or is of another lesson.
        case unusable(String)

        public var text: String {
            switch self {
            case .untranslated: Strings.untranslated.text
            case .unusable(let problem): Strings.unreadableTranslation(problem)
            }
        }
    }

    /// One item of the Sources list, with its line for messages.
    public struct Source: Sendable, Equatable {
        public let text: String
        public let line: Int
    }

    /// The title of the section that holds the Sources list; a translation may give its own.
    public static let sourcesTitle = "Sources"
    public static let sourcesTitles: Set<String> = [sourcesTitle, "参考资料"]

    public struct Section: Sendable, Equatable {
        public let title: String
        public let blocks: [Block]
    }

    public enum Block: Sendable, Equatable {
        case prose([String])
        case code(language: String, lines: [String])
        case commands([CommandLine])
        /// A ```` ```challenge ID ```` block: a goal the learner reaches at the prompt.
        case challenge(Challenge)
    }

    /// One line of a `zctour` block, with its line number for error messages.
    public struct CommandLine: Sendable, Equatable {
        public let text: String
        public let line: Int
    }

    /// What the tour shows at a time: the introduction with the first section, then one
    /// section per page.
    public struct Page: Sendable, Equatable {
        public let title: String?
        public let blocks: [Block]
    }

    public var pages: [Page] {
        guard let first = sections.first else { return [Page(title: nil, blocks: introduction)] }
        return [Page(title: first.title, blocks: introduction + first.blocks)]
            + sections.dropFirst().map { Page(title: $0.title, blocks: $0.blocks) }
    }

    /// The short name in the prompt (`zctour 3/5 slices>`): front matter `prompt:`, else the
    /// id's first word.
    public var promptName: String { shortName ?? String(id.split(separator: "-").first ?? Substring(id)) }

    /// Every runnable line of the lesson, in order.
    public var commandLines: [CommandLine] {
        (introduction + sections.flatMap(\.blocks)).flatMap { block -> [CommandLine] in
            if case .commands(let lines) = block { return lines }
            return []
        }
    }

    /// The lesson's challenges, in order.
    public var challenges: [Challenge] {
        (introduction + sections.flatMap(\.blocks)).compactMap { block -> Challenge? in
            if case .challenge(let challenge) = block { return challenge }
            return nil
        }
    }
}
