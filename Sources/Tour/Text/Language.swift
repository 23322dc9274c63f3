import Foundation
import Synchronization

/// The language of the tour's words: lessons from `lessons/zh/` and the prompt's fixed texts
/// from `Strings`. Commands, options, demo ids, numbers and JSON stay English whatever it is.
public enum Language: String, Sendable, CaseIterable {
    case en, zh

    /// The language the locale asks for, as POSIX orders the variables: `LC_ALL` over
    /// `LC_MESSAGES` over `LANG`, the first one set and not empty; Chinese when it starts
    /// with `zh` (`zh_CN.UTF-8`, `zh_TW`), English otherwise (`C`, `POSIX`, `en_GB.UTF-8`).
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }

    /// `zh` or `en` (also `zh_CN`, `zh-Hans`, `english`, `chinese`, `中文`), else nil.
    public init?(named name: String) {
        let key = name.lowercased()
        if key == "zh" || key.hasPrefix("zh_") || key.hasPrefix("zh-") || key == "chinese" || key == "中文" {
            self = .zh
        } else if key == "en" || key.hasPrefix("en_") || key.hasPrefix("en-") || key == "english" {
            self = .en
        } else {
            return nil
        }
    }

    /// Parses `--lang` and `set lang` values, with the one-line error a learner sees.
    public static func parse(_ text: String) throws(UsageError) -> Language {
        guard let language = Language(named: text) else { throw UsageError(Strings.unknownLanguage(text)) }
        return language
    }

    /// The language the tour speaks now. Chosen once at start (`--lang`, else the locale), and
    /// again by `set lang` at the prompt; every text read after that follows it.
    public static var current: Language {
        get { chosen.withLock { $0 } ?? fromLocale(ProcessInfo.processInfo.environment) }
        set { chosen.withLock { $0 = newValue } }
    }

    /// Whether `--lang` chose it, so a saved `set lang` does not override the command line.
    public static var fromCommandLine: Bool {
        get { commandLine.withLock { $0 } }
        set { commandLine.withLock { $0 = newValue } }
    }

    /// `set lang`: this language from now on, or (nil) the locale's again.
    public static func choose(_ language: Language?) {
        chosen.withLock { $0 = language }
        fromCommandLine = false
    }

    private static let chosen = Mutex<Language?>(nil)
    private static let commandLine = Mutex<Bool>(false)

    /// The `--lang VALUE` or `--lang=VALUE` among the command line's words, read before the
    /// parser runs, so that even its errors come in the chosen language.
    public static func commandLineChoice(_ arguments: [String]) -> String? {
        for (index, word) in arguments.enumerated() {
            if word == "--" { return nil }
            if word == "--lang" { return index + 1 < arguments.count ? arguments[index + 1] : nil }
            if word.hasPrefix("--lang=") { return String(word.dropFirst("--lang=".count)) }
        }
        return nil
    }

    /// The text in this language: one column of a row of `Strings`.
    public func pick(en: String, zh: String) -> String { self == .zh ? zh : en }
}
