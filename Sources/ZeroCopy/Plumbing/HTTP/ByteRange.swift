/// A `Range: bytes=` request (RFC 9110 §14.1.2, §14.2) against a file of `size` bytes: one
/// satisfiable range is served as 206 Partial Content; a range that starts past the end is 416;
/// anything else (several ranges, another unit, a malformed value) is ignored, as a server may
/// ignore Range, and the whole file is sent.
public enum ByteRange: Sendable, Equatable {
    /// The bytes `first...last` of the file, both within it.
    case satisfiable(first: Int, last: Int)
    case unsatisfiable
    /// Not a single byte range this server serves: the whole file goes out.
    case ignored(String)

    public static func resolve(_ value: String, size: Int) -> ByteRange {
        let text = Substring(value).trimmingOWS()
        guard text.lowercased().hasPrefix("bytes=") else { return .ignored("not a bytes range") }
        let spec = text.dropFirst("bytes=".count).trimmingOWS()
        if spec.contains(",") { return .ignored("several ranges; this server sends the whole file instead") }
        guard let dash = spec.firstIndex(of: "-") else { return .ignored("a range without '-'") }
        let first = spec[..<dash].trimmingOWS()
        let last = spec[spec.index(after: dash)...].trimmingOWS()
        guard first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit), !(first.isEmpty && last.isEmpty) else {
            return .ignored("a range that is not digits")
        }
        if first.isEmpty {
            // The last N bytes; a suffix of 0 selects nothing.
            let suffix = number(last)
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .satisfiable(first: max(0, size - suffix), last: size - 1)
        }
        let start = number(first)
        if !last.isEmpty && number(last) < start { return .ignored("a range whose last byte comes before its first") }
        guard start < size else { return .unsatisfiable }
        let end = last.isEmpty ? size - 1 : min(number(last), size - 1)
        return .satisfiable(first: start, last: end)
    }

    /// Digits as a number; more than fit in an Int are as good as infinite here.
    static func number(_ digits: Substring) -> Int {
        var value = 0
        for digit in digits {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(digit.asciiValue ?? 48) - 48)
            if overflow || overflow2 { return Int.max }
            value = sum
        }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
