/// Sizes in and out in binary units: `4K` is 4,096 bytes, `64M` is 64 MiB, shown as KiB/MiB/GiB.
public enum ByteSize {
    static let suffixes: [(String, Int)] = [("K", 10), ("M", 20), ("G", 30), ("T", 40)]

    /// Parses `512`, `4K`, `64M`, `1G`, `2T` (also `4KiB`, `4kb`); the error says what is accepted.
    public static func parse(_ text: String) throws(SizeError) -> Int {
        let trimmed = text.trimmingWhitespace()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        var unit = trimmed.dropFirst(digits.count).uppercased()
        if trimmed.hasPrefix("-") { throw SizeError(text: text, problem: "a size cannot be negative") }
        guard !digits.isEmpty else { throw SizeError(text: text, problem: "it is not a number") }
        // 4KiB and 4KB mean 4K; a lone B means bytes.
        if unit.count == 3 && unit.hasSuffix("IB") {
            unit = String(unit.dropLast(2))
        } else if unit.hasSuffix("B") {
            unit = String(unit.dropLast())
        }
        let shift: Int
        if unit.isEmpty {
            shift = 0
        } else if let match = suffixes.first(where: { $0.0 == unit }) {
            shift = match.1
        } else {
            throw SizeError(text: text, problem: "unknown suffix '\(trimmed.dropFirst(digits.count))'")
        }
        guard let value = Int(digits), value <= (Int.max >> shift) else {
            throw SizeError(text: text, problem: "it is too large")
        }
        return value << shift
    }

    /// `67108864` → `64 MiB`, `1536` → `1.5 KiB`, `100` → `100 B`.
    public static func format(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes.magnitude)
        var index = 0
        while value >= 1024 && index < units.count - 1 {
            value /= 1024
            index += 1
        }
        let sign = bytes < 0 ? "-" : ""
        if index == 0 { return "\(sign)\(bytes.magnitude) B" }
        return sign + NumberFormat.decimal(value) + " " + units[index]
    }

    /// The shortest spelling a user would type back: `4K`, `64M`, `1536`.
    public static func compact(_ bytes: Int) -> String {
        for (suffix, shift) in suffixes.reversed() where bytes >= (1 << shift) && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(suffix)"
        }
        return String(bytes)
    }
}
