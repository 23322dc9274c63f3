import Foundation
import ZeroCopy

/// Tab completion for the prompt, from the command catalog: command names, lesson ids and
/// numbers, demo names, option names and their values, `set` keys and values, counters, and
/// file paths where a command takes a file.
public struct Completer {
    let catalog: CommandCatalog
    let lessons: [Lesson]

    public init(catalog: CommandCatalog = .shared, lessons: [Lesson]) {
        self.catalog = catalog
        self.lessons = lessons
    }

    /// The words that could stand where the cursor's word is, given the text before the cursor.
    public func candidates(before text: String) -> (word: String, matches: [String]) {
        var words = CommandTokenizer.split(text)
        let current = text.last.map { $0.isWhitespace } ?? true ? "" : (words.popLast() ?? "")
        // Once each, in the catalog's order (1M before 16M, 1 before 10).
        var seen = Set<String>()
        let matches = possibilities(after: words, current: current).filter { $0.hasPrefix(current) && seen.insert($0).inserted }
        return (current, matches)
    }

    func possibilities(after words: [String], current: String) -> [String] {
        guard let first = words.first else { return catalog.names }
        if first == "help" { return words.count == 1 ? catalog.commands.map(\.name) : [] }
        guard let command = catalog.command(named: first) else { return [] }
        if let last = words.last, let option = command.options.first(where: { $0.names.contains(last) }), option.takesValue {
            return option.files ? files(matching: current) : option.values
        }
        if current.hasPrefix("-") { return applicableOptions(command, words: words) }
        // Which positional this word is: count the words that are not options or their values.
        var index = 0
        var skip = false
        for word in words.dropFirst() {
            if skip {
                skip = false
                continue
            }
            if let option = command.options.first(where: { $0.names.contains(word) }) {
                skip = option.takesValue
                continue
            }
            index += 1
        }
        let positional =
            command.positionals.indices.contains(index)
            ? command.positionals[index]
            : command.positionals.last(where: \.repeating)
        switch (command.name, positional?.name) {
        case ("lesson", _): return lessons.flatMap { [$0.id, String($0.number)] }
        case ("challenge", _): return lessons.flatMap { $0.challenges.map(\.id) }
        case ("check-all", _): return lessons.flatMap { [$0.id, String($0.number)] }
        case ("set", "value"): return SetCommand.suggestions(for: words.count > 1 ? words[1] : "")
        default: break
        }
        guard let positional else { return command.options.flatMap(\.names) }
        if positional.files { return files(matching: current) }
        return positional.values
    }

    /// The command's options, without those that none of the demos named on the line takes
    /// (`run mmap --` does not offer `--buffer`).
    func applicableOptions(_ command: CommandCatalog.Command, words: [String]) -> [String] {
        let demos = words.dropFirst().compactMap { Demo.named($0) }
        let all = command.options.flatMap(\.names)
        guard !demos.isEmpty else { return all }
        return all.filter { name in
            if name == "--file" || name == "--cold-anyway" { return demos.contains(where: \.movesFile) }
            guard let option = Demo.Option(rawValue: name == "--to" ? "to" : String(name.dropFirst(2))) else { return true }
            return demos.contains { $0.options.contains(option) }
        }
    }

    /// Paths that start with `prefix`, directories with a trailing slash.
    func files(matching prefix: String) -> [String] {
        let directory = prefix.lastIndex(of: "/").map { String(prefix[...$0]) } ?? ""
        let listed = directory.isEmpty ? "." : directory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: listed)) ?? []
        return names.filter { !$0.hasPrefix(".") || prefix.hasSuffix(".") }.map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: listed + "/" + name, isDirectory: &isDirectory)
            return directory + name + (isDirectory.boolValue ? "/" : "")
        }
    }

    /// The longest prefix the matches share.
    public static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
