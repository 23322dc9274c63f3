import ArgumentParser
import Foundation

/// The command language as data, read from the argument parser's own description of the
/// commands (`--experimental-dump-help`), so completion and suggestions come from the same
/// definitions as parsing and help.
public struct CommandCatalog: Sendable {
    public struct Command: Sendable {
        public let name: String
        public let aliases: [String]
        public let abstract: String
        public let options: [Option]
        public let positionals: [Positional]
    }

    public struct Option: Sendable {
        public let names: [String]
        public let takesValue: Bool
        public let values: [String]
        /// Whether it may be given more than once (`export --lesson 1 --lesson 5`).
        public let repeating: Bool
        /// Its value is a path (`--file`): completed from the file system.
        public var files = false
    }

    public struct Positional: Sendable {
        public let name: String
        public let values: [String]
        public let files: Bool
        public let repeating: Bool
    }

    public let commands: [Command]

    public static let shared = CommandCatalog()

    init() {
        var parsed: [Command] = []
        do {
            _ = try ZCTour.parseAsRoot(["--experimental-dump-help"])
        } catch {
            let text = ZCTour.fullMessage(for: error)
            if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let root = object["command"] as? [String: Any],
                let subcommands = root["subcommands"] as? [[String: Any]]
            {
                parsed = subcommands.compactMap(CommandCatalog.command)
            }
        }
        commands = parsed
    }

    static func command(_ info: [String: Any]) -> Command? {
        guard let name = info["commandName"] as? String, info["shouldDisplay"] as? Bool != false else { return nil }
        var options: [Option] = []
        var positionals: [Positional] = []
        for argument in info["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool != false {
            let completion = argument["completionKind"] as? [String: Any]
            let values = (completion?["list"] as? [String: Any])?["values"] as? [String] ?? []
            switch argument["kind"] as? String {
            case "positional":
                positionals.append(
                    Positional(
                        name: argument["valueName"] as? String ?? "", values: values,
                        files: completion?["file"] != nil, repeating: argument["isRepeating"] as? Bool ?? false))
            case let kind:
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                    guard let text = name["name"] as? String else { return nil }
                    return (name["kind"] as? String == "short" ? "-" : "--") + text
                }
                options.append(
                    Option(
                        names: names, takesValue: kind == "option", values: values,
                        repeating: argument["isRepeating"] as? Bool ?? false, files: completion?["file"] != nil))
            }
        }
        return Command(
            name: name, aliases: info["aliases"] as? [String] ?? [], abstract: info["abstract"] as? String ?? "",
            options: options, positionals: positionals)
    }

    /// Names a line may start with (aliases included), `help` too.
    public var names: [String] { (commands.flatMap { [$0.name] + $0.aliases } + ["help"]).sorted() }

    public func command(named name: String) -> Command? {
        commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// The known name closest to a mistyped one (edit distance at most 2, or a unique prefix).
    /// A word longer than every name by more than 2 can be neither, so it costs nothing: a
    /// megabyte of garbage is not compared with each name character by character.
    public func nearest(to word: String) -> String? {
        let candidates = names
        guard word.utf8.count <= (candidates.map(\.utf8.count).max() ?? 0) + 2 else { return nil }
        let prefixed = candidates.filter { $0.hasPrefix(word.lowercased()) }
        if prefixed.count == 1 { return prefixed[0] }
        let scored = candidates.map { ($0, CommandCatalog.distance($0, word.lowercased())) }.sorted { $0.1 < $1.1 }
        guard let best = scored.first, best.1 <= max(1, min(2, word.count / 2)) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    /// Checks a command line's words before the parser sees them, for what the parser would
    /// take without a word or word wrongly: an unknown command (with the nearest one), `help`
    /// of an unknown command, an option given twice (the parser keeps the last), and a negative
    /// number where the parser expects a value (it reads `-1` as an unknown option).
    public func checkWords(_ words: [String]) throws(UsageError) {
        guard let first = words.first else { return }
        try checkCommandName(first)
        if first == "help", words.count > 1 { try checkCommandName(words[1]) }
        guard let command = command(named: first) else { return }
        var given: [String: [String]] = [:]
        var index = 1
        while index < words.count {
            let word = words[index]
            if word == "--" { break }
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if let option = command.options.first(where: { $0.names.contains(name) }) {
                var value = ""
                if option.takesValue && !word.contains("=") && index + 1 < words.count {
                    index += 1
                    value = words[index]
                } else if word.contains("=") {
                    value = String(word.dropFirst(name.count + 1))
                }
                let key = option.names.first(where: { $0.hasPrefix("--") }) ?? name
                if !option.repeating, let earlier = given[key] {
                    let values = option.takesValue ? " (\((earlier + [value]).map { $0.abbreviated }.joined(separator: " and ")))" : ""
                    throw UsageError("\(key) is given more than once\(values); give it once")
                }
                given[key, default: []].append(value)
            } else if word.count > 1, word.hasPrefix("-"), word.dropFirst().first?.isNumber == true {
                throw UsageError(
                    "'\(word.abbreviated)' is a negative number, and \(command.name) takes none here (help \(command.name) shows its usage)"
                )
            }
            index += 1
        }
    }

    /// Checks the first word of a command line; the error suggests the nearest command.
    public func checkCommandName(_ word: String) throws(UsageError) {
        let internalNames = [TraceChildCommand.configuration.commandName]
        guard command(named: word) == nil && word != "help" && !word.hasPrefix("-") && !internalNames.contains(word) else { return }
        throw UsageError(Strings.unknownCommand(word.abbreviated, nearest: nearest(to: word)))
    }
}
