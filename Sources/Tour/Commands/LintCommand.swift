import ArgumentParser
import Foundation

/// `lint [PATH...]`: checks lesson files for what would break the tour or mislead a learner,
/// one `path:line: message` per problem; exit status 1 when there is one, 2 for a bad path.
public struct LintCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lesson files: front matter, commands, demos and options, checks and their counters, challenges.",
        discussion: """
            Without a path, the lessons zctour uses and the workshop kit beside them (samples/workshop: \
            every command its Markdown and scripts name must parse, and every lesson, --from section, \
            challenge and script must exist). A folder means its NN-name.md lessons, their \
            translations in its zh folder, and its other .md and .zct workshop files. Nothing is run.
            """)

    @Argument(help: "Lesson files or folders.", completion: .file())
    var paths: [String] = []

    @OptionGroup public var output: OutputOptions
    public init() {}

    /// `NN-name.md`: a lesson; any other `.md` or `.zct` in a folder belongs to a workshop kit.
    static func isLesson(_ name: String) -> Bool { name.hasSuffix(".md") && name.first?.isNumber == true }

    /// The NN-name.md files of a folder, or none when there is no such folder.
    static func lessonFiles(in folder: String) -> [String] {
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return listed.filter(isLesson).sorted().map { folder + "/" + $0 }
    }

    /// A file in a `zh/` folder translates the file of the same name in the folder above.
    static func isTranslation(_ path: String) -> Bool {
        ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent == LessonLibrary.translationFolder
    }

    /// Lessons and translations linted each in their own set (a translation repeats its
    /// original's id and number), and each translation compared with its original, the file of
    /// the same name in the folder above.
    static func problems(in files: [(path: String, text: String)]) throws -> [LessonError] {
        let translations = files.filter { Self.isTranslation($0.path) }
        var problems = LessonLint.problems(in: files.filter { !Self.isTranslation($0.path) })
        for translation in translations {
            var found = LessonLint.problems(in: [translation])
            let folder = ((translation.path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            let original = folder + "/" + (translation.path as NSString).lastPathComponent
            if let data = FileManager.default.contents(atPath: original) {
                found += LessonLint.translationProblems(
                    translation: translation, original: (original, String(decoding: data, as: UTF8.self)))
            } else {
                found.append(LessonError(path: translation.path, line: 1, problem: "a translation of \(original), which does not exist"))
            }
            problems += found.sorted { $0.line < $1.line }
        }
        return problems
    }

    public func execute(in context: TourContext) throws {
        let roots = paths.isEmpty ? [try context.library().directory] : paths
        var files: [(path: String, text: String)] = []
        var workshop: [(path: String, text: String)] = []
        func read(_ name: String) throws -> (path: String, text: String) {
            guard let data = FileManager.default.contents(atPath: name) else { throw UsageError("lint: cannot read \(name)") }
            return (name, String(decoding: data, as: UTF8.self))
        }
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw UsageError("lint: no such file or folder: \(root)")
            }
            if isDirectory.boolValue {
                let folder = root.hasSuffix("/") ? String(root.dropLast()) : root
                let lessons = Self.lessonFiles(in: folder)
                let kit = WorkshopLint.files(in: folder).filter { !Self.isLesson(($0 as NSString).lastPathComponent) }
                if lessons.isEmpty && kit.isEmpty { throw UsageError("lint: no lesson files (NN-name.md) or workshop files in \(root)") }
                // A lessons folder's translations are linted with it; a folder of
                // translations on its own (lessons/zh) is compared with the folder above.
                files += try (lessons + Self.lessonFiles(in: folder + "/" + LessonLibrary.translationFolder)).map(read)
                workshop += try kit.map(read)
            } else if LintCommand.isLesson((root as NSString).lastPathComponent) || !(root.hasSuffix(".zct") || root.hasSuffix(".md")) {
                files.append(try read(root))
            } else {
                workshop.append(try read(root))
            }
        }
        // Without a path, the workshop kit shipped beside the lessons too.
        if paths.isEmpty, let folder = WorkshopLint.folder(besideLessons: try context.library().directory) {
            workshop += try WorkshopLint.files(in: folder).map(read)
        }
        var problems = try Self.problems(in: files)
        if !workshop.isEmpty {
            let library = try context.library()
            let root = URL(fileURLWithPath: library.directory).deletingLastPathComponent().path
            problems += WorkshopLint.problems(in: workshop, library: library, root: root)
        }
        if context.json {
            struct Problem: Encodable {
                let path: String
                let line: Int
                let message: String
            }
            struct Document: Encodable {
                let schema = JSONSchema.lint
                let files: Int
                let workshopFiles: Int
                let problems: [Problem]
                enum CodingKeys: String, CodingKey {
                    case schema, files, problems
                    case workshopFiles = "workshop_files"
                }
            }
            try context.emitJSON(
                Document(
                    files: files.count, workshopFiles: workshop.count,
                    problems: problems.map { Problem(path: $0.path, line: $0.line, message: $0.problem) }))
        } else if problems.isEmpty {
            let translations = files.filter { Self.isTranslation($0.path) }.count
            let lessons = files.count - translations
            let also = translations == 0 ? "" : " and \(translations) translation\(translations == 1 ? "" : "s")"
            var lines = files.isEmpty ? [] : ["\(lessons) lesson file\(lessons == 1 ? "" : "s")\(also), no problems"]
            if !workshop.isEmpty {
                let commands = workshop.map {
                    $0.path.hasSuffix(".zct") ? WorkshopLint.commands(inScript: $0.text) : WorkshopLint.commands(inMarkdown: $0.text)
                }
                .reduce(0) { $0 + $1.count }
                lines.append("\(workshop.count) workshop file\(workshop.count == 1 ? "" : "s") naming \(commands) commands, no problems")
            }
            context.say(lines.joined(separator: "\n"))
        } else {
            context.say(problems.map(\.description).joined(separator: "\n"))
        }
        if !problems.isEmpty {
            throw RuntimeFailure(
                "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(Set(problems.map(\.path)).count) of \(files.count + workshop.count) files"
            )
        }
    }
}
