/// What zctour accepts as a command line, from any source (the prompt, a script, a pipe, an
/// argument): at most `maximumLength` bytes of UTF-8 text with no control character but the tab.
/// Anything else is refused with one line that says what is wrong, instead of being repaired
/// silently (a NUL dropped, a byte turned into U+FFFD, a file name changed) or echoed raw to
/// the terminal (an escape sequence in a shared script).
public enum CommandLineText {
    /// Far longer than any command, and PATH_MAX, the longest path a script or `-o` may name.
    public static let maximumLength = 4096

    /// The bytes as text, or why they are not a command line (said of them: "is not UTF-8
    /// text...", for the caller to name them: `argument 3`, `standard input, line 4`).
    public static func text(_ bytes: [UInt8]) throws(UsageError) -> String {
        if bytes.count > maximumLength { throw tooLong(bytes.count) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let column = firstInvalidByte(bytes)
            throw UsageError(
                "is not UTF-8 text (byte \(column + 1) is 0x\(String(bytes[column], radix: 16, uppercase: true))), which zctour needs")
        }
        try check(text)
        return text
    }

    /// Checks text that is already a string (libedit's line): its length and its characters.
    public static func check(_ text: String) throws(UsageError) {
        if text.utf8.count > maximumLength { throw tooLong(text.utf8.count) }
        for (index, scalar) in text.unicodeScalars.enumerated() where TerminalText.isUnsafe(scalar) {
            throw UsageError("holds a control character (\(name(of: scalar))) at character \(index + 1); a command line is plain text")
        }
    }

    static func tooLong(_ count: Int) -> UsageError {
        UsageError("is \(NumberFormat.count(count)) bytes long; a command line is at most \(NumberFormat.count(maximumLength))")
    }

    /// `NUL`, `ESC`, `U+0085`: how a control character is named in a message.
    static func name(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0: "NUL"
        case 0x1B: "ESC"
        case 0x0A: "a newline"
        case 0x0D: "a carriage return"
        case 0x7F: "DEL"
        default: "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
    }

    /// The index of the first byte that does not belong to valid UTF-8.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return max(0, bytes.count - 1)
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
