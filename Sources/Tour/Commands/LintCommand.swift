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
                let listed = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
                names = listed.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
                    .map { (root.hasSuffix("/") ? root : root + "/") + $0 }
                if names.isEmpty { throw UsageError("lint: no lesson files (NN-name.md) in \(root)") }
            } else {
                names = [root]
            }
            for name in names {
                guard let data = FileManager.default.contents(atPath: name) else { throw UsageError("lint: cannot read \(name)") }
                files.append((name, String(decoding: data, as: UTF8.self)))
            }
        }
        let problems = LessonLint.problems(in: files)
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
            context.say("\(files.count) lesson file\(files.count == 1 ? "" : "s"), no problems")
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
