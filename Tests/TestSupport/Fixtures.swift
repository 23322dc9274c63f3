import Foundation

/// Where the tests find the repository's files: the shipped lessons, the golden files and the
/// broken lessons for lint. Computed once, here, from this file's own place in the tree
/// (Tests/TestSupport/), so that moving a test never changes what it reads.
public enum Fixtures {
    /// The top of the repository.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL

    /// lessons/, the lessons zctour ships.
    public static let lessons = repository.appendingPathComponent("lessons")

    /// samples/, the command scripts shipped for workshops.
    public static let samples = repository.appendingPathComponent("samples")

    /// Tests/Fixtures: recorded runs and the golden files rendered from them.
    public static let directory = repository.appendingPathComponent("Tests/Fixtures")

    /// Tests/Fixtures/lint: lessons with one kind of mistake each.
    public static let lint = directory.appendingPathComponent("lint")

    /// The numbers of the shipped lessons, in order, from their front matter (`number: N`): the
    /// tests derive them, since lessons are added and renumbered.
    public static let lessonNumbers: [Int] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: lessons.path)) ?? []
        return files.filter { $0.hasSuffix(".md") }.compactMap { name -> Int? in
            let text = (try? String(contentsOf: lessons.appendingPathComponent(name), encoding: .utf8)) ?? ""
            let line = text.split(separator: "\n").first { $0.hasPrefix("number:") }
            return line.flatMap { Int($0.dropFirst("number:".count).trimmingCharacters(in: .whitespaces)) }
        }.sorted()
    }()

    /// A file in Tests/Fixtures.
    public static func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The last lesson's number, the M of "lesson N of M".
    public static var lastLesson: Int { lessonNumbers.last ?? 0 }
}
