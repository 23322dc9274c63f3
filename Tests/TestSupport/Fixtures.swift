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

    /// A file in Tests/Fixtures.
    public static func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The numbers of the shipped lessons, from their file names (`10-serving-a-download.md`), in
    /// order: tests derive "lesson N of M" from them instead of writing down a count that the
    /// next lesson changes.
    public static let lessonNumbers: [Int] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessons.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.compactMap { Int($0.prefix { $0.isNumber }) }.sorted()
    }()

    /// The last lesson's number, the M of "lesson N of M".
    public static var lastLesson: Int { lessonNumbers.last ?? 0 }
}
