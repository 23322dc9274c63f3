import ArgumentParser
import ZeroCopy

/// Splits a command line into words like a shell: spaces separate, quotes group.
public enum CommandTokenizer {
    public static func split(_ line: String) -> [String] { scan(line).words }

    /// The quote a line opens and never closes (`run "read-write`), which `split` would take as
    /// running to the end of the line.
    public static func unclosedQuote(_ line: String) -> Character? { scan(line).unclosed }

    /// The words, and the quote still open at the end of the line, if one is.
    private static func scan(_ line: String) -> (words: [String], unclosed: Character?) {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return (words, quote)
    }
}
