import Foundation

/// The lessons shipped in `lessons/`, found next to the binary: `$ZCTOUR_LESSONS` if set, else
/// `share/zctour/lessons` beside the binary (an unpacked tarball) or beside its folder (an
/// installed `bin/zctour`), else the `lessons/` folder of the checkout the binary was built in
/// (walking up from the executable). Chinese translations live in its `zh/` folder under the
/// same file names; in Chinese, a lesson without a usable one is the English, with a note.
public struct LessonLibrary: Sendable {
    public let directory: String
    public let english: [Lesson]
    /// The same lessons, in the same order, as a Chinese learner gets them.
    public let chinese: [Lesson]

    /// The lessons in the tour's language now. Both lists have the same ids and numbers (a
    /// translation that does not is not used), so progress is the same in either.
    public var lessons: [Lesson] { Language.current == .zh ? chinese : english }

    /// The folder of the translations.
    public static let translationFolder = "zh"

    /// The last lesson's number, the M of "lesson N of M": numbers may leave gaps (a lesson still
    /// to come), and the count of lessons would then put the last one past the end.
    public var lastNumber: Int { lessons.last?.number ?? 0 }

    public static func load(directory: String? = nil) throws -> LessonLibrary {
        guard let directory = directory ?? locate() else {
            throw RuntimeFailure("cannot find the lessons: set ZCTOUR_LESSONS to the lessons/ folder of zctour")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RuntimeFailure("cannot read the lessons in \(TerminalText.stripped(directory)): \(error.localizedDescription)")
        }
        var lessons: [Lesson] = []
        for name in names.sorted() where name.hasSuffix(".md") && name.first?.isNumber == true {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuntimeFailure("cannot read \(TerminalText.stripped(path))")
            }
            do {
                lessons.append(try Lesson.parse(String(decoding: data, as: UTF8.self), path: path))
            } catch {
                throw RuntimeFailure(error.description)
            }
        }
        lessons.sort { $0.number < $1.number }
        for (first, second) in zip(lessons, lessons.dropFirst()) where first.number == second.number || first.id == second.id {
            throw RuntimeFailure("\(second.path): lesson \(second.number) '\(second.id)' repeats the number or id of \(first.path)")
        }
        guard !lessons.isEmpty else { throw RuntimeFailure("no lessons (NN-name.md) in \(TerminalText.stripped(directory))") }
        let translations = directory + "/" + translationFolder
        return LessonLibrary(directory: directory, english: lessons, chinese: lessons.map { translation(of: $0, in: translations) })
    }

    /// The translation of `lesson` in `folder`, or the English with a note saying why it is
    /// shown instead: never an error, so a broken translation cannot stop the tour.
    static func translation(of lesson: Lesson, in folder: String) -> Lesson {
        let name = (lesson.path as NSString).lastPathComponent
        let path = folder + "/" + name
        var english = lesson
        guard let data = FileManager.default.contents(atPath: path) else {
            english.languageNote = .untranslated
            return english
        }
        do {
            let translated = try Lesson.parse(String(decoding: data, as: UTF8.self), path: path)
            guard translated.id == lesson.id, translated.number == lesson.number else {
                english.languageNote = .unusable("\(path) has id '\(translated.id)' and number \(translated.number)")
                return english
            }
            return translated
        } catch {
            english.languageNote = .unusable(error.description)
            return english
        }
    }

    static func locate() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["ZCTOUR_LESSONS"], !path.isEmpty { return path }
        var folder = executable().deletingLastPathComponent()
        // Unpacked from the tarball (`./zctour` beside `share/`), or installed (`bin/zctour`
        // beside `../share/`).
        for root in [folder, folder.deletingLastPathComponent()] {
            let installed = root.appendingPathComponent("share/zctour/lessons")
            if isLessonFolder(installed.path) { return installed.path }
        }
        for _ in 0..<8 {
            let candidate = folder.appendingPathComponent("lessons")
            if isLessonFolder(candidate.path) && FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
            {
                return candidate.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// The running binary, wherever it was started from: found on PATH, `argv[0]` is only its
    /// name, so the kernel's own link is asked first.
    static func executable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    }

    static func isLessonFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A lesson by number (`3`) or id (`mmap`); the error lists the lessons there are.
    /// `--from SECTION` in `lesson`: its own headings first, then, in a translation, its
    /// original's, which a workshop plan written in English names (a translation keeps its
    /// original's sections, one for one).
    public func section(_ name: String, of lesson: Lesson) throws(UsageError) -> Int {
        do {
            return try lesson.section(name)
        } catch {
            guard let original = english.first(where: { $0.id == lesson.id }), original.path != lesson.path,
                original.sections.count == lesson.sections.count, let number = try? original.section(name)
            else { throw error }
            return number
        }
    }

    public func lesson(_ name: String) throws(UsageError) -> Lesson {
        let key = name.lowercased()
        if let number = Int(key), let found = lessons.first(where: { $0.number == number }) { return found }
        if let found = lessons.first(where: { $0.id == key }) { return found }
        let known = lessons.map { "\($0.number) \($0.id)" }.joined(separator: ", ")
        throw UsageError(Strings.unknownLesson(name, known: known))
    }
}
