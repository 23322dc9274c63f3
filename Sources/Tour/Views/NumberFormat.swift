/// Numbers for people: thousands separators, three significant digits, durations, rates.
public enum NumberFormat {
    /// `1234567` → `1,234,567`.
    /// `1 fault`, `2,050 faults`: the count and its noun, singular for one.
    public static func count(_ value: Int, _ noun: String) -> String {
        count(value) + " " + (value == 1 ? noun : noun + "s")
    }

    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// Three significant digits at most, no trailing zeros: 3.14159 → 3.14, 64.0 → 64, 123.4 → 123.
    public static func decimal(_ value: Double) -> String {
        let places = value >= 100 ? 0 : value >= 10 ? 1 : 2
        var text = fixed(value, places: places)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A fixed number of decimal places, without Foundation.
    public static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : "∞" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        var text = String(whole)
        if places > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }

    /// Nanoseconds as `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`.
    public static func duration(nanoseconds: Int) -> String {
        let value = Double(nanoseconds)
        if nanoseconds < 1_000 { return "\(nanoseconds) ns" }
        if nanoseconds < 1_000_000 { return decimal(value / 1e3) + " µs" }
        if nanoseconds < 1_000_000_000 { return decimal(value / 1e6) + " ms" }
        return decimal(value / 1e9) + " s"
    }

    /// Bytes over nanoseconds as `812 MiB/s` or `3.4 GiB/s`.
    public static func throughput(bytes: Int, nanoseconds: Int) -> String {
        guard nanoseconds > 0, bytes > 0 else { return "–" }
        let perSecond = Double(bytes) * 1e9 / Double(nanoseconds)
        if perSecond >= Double(1 << 30) { return decimal(perSecond / Double(1 << 30)) + " GiB/s" }
        if perSecond >= Double(1 << 20) { return decimal(perSecond / Double(1 << 20)) + " MiB/s" }
        return decimal(perSecond / 1024) + " KiB/s"
    }

    /// A ratio as `2.03×`.
    public static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value >= 100 { return fixed(value, places: 0) + "×" }
        if value >= 0.01 { return fixed(value, places: 2) + "×" }
        return "<0.01×"
    }

    /// A share as `42%`, `3.5%` or `<1%`; above 100% stays honest (`120%`).
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let percent = value * 100
        if percent > 0 && percent < 1 { return "<1%" }
        return decimal(percent) + "%"
    }
}
