import ArgumentParser
import Foundation

/// `lint [PATH...]`: checks lesson files for what would break the tour or mislead a learner,
/// one `path:line: message` per problem; exit status 1 when there is one, 2 for a bad path.
public struct LintCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lesson files: front matter, commands, demos and options, checks and their counters, challenges.",
        discussion: "Without a path, the lessons zctour uses. A folder means its NN-name.md files. Nothing is run.")

    @Argument(help: "Lesson files or folders.", completion: .file())
    var paths: [String] = []

    @OptionGroup public var output: OutputOptions
    public init() {}

    /// The NN-name.md files of a folder, or none when there is no such folder.
    static func lessonFiles(in folder: String) -> [String] {
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return listed.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted().map { folder + "/" + $0 }
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
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw UsageError("lint: no such file or folder: \(root)")
            }
            let names: [String]
            if isDirectory.boolValue {
                let folder = root.hasSuffix("/") ? String(root.dropLast()) : root
                let lessons = Self.lessonFiles(in: folder)
                if lessons.isEmpty { throw UsageError("lint: no lesson files (NN-name.md) in \(root)") }
                // A lessons folder's translations are linted with it; a folder of
                // translations on its own (lessons/zh) is compared with the folder above.
                names = lessons + Self.lessonFiles(in: folder + "/" + LessonLibrary.translationFolder)
            } else {
                names = [root]
            }
            for name in names {
                guard let data = FileManager.default.contents(atPath: name) else { throw UsageError("lint: cannot read \(name)") }
                files.append((name, String(decoding: data, as: UTF8.self)))
            }
        }
        let problems = try Self.problems(in: files)
        if context.json {
            struct Problem: Encodable {
                let path: String
                let line: Int
                let message: String
            }
            struct Document: Encodable {
                let schema = JSONSchema.lint
                let files: Int
                let problems: [Problem]
            }
            try context.emitJSON(
                Document(files: files.count, problems: problems.map { Problem(path: $0.path, line: $0.line, message: $0.problem) }))
        } else if problems.isEmpty {
            let translations = files.filter { Self.isTranslation($0.path) }.count
            let lessons = files.count - translations
            let also = translations == 0 ? "" : " and \(translations) translation\(translations == 1 ? "" : "s")"
            context.say("\(lessons) lesson file\(lessons == 1 ? "" : "s")\(also), no problems")
        } else {
            context.say(problems.map(\.description).joined(separator: "\n"))
        }
        if !problems.isEmpty {
            throw RuntimeFailure(
                "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(Set(problems.map(\.path)).count) of \(files.count) lesson files"
            )
        }
    }
}
