/// `--from SECTION`: a section by its number (1 is the first `##`) or by its heading, a
/// case-insensitive prefix; anything else is one line that lists the sections.
extension Lesson {
    /// The section's number, 1 to `sections.count`.
    public func section(_ name: String) throws(UsageError) -> Int {
        let wanted = name.trimmingWhitespace()
        if wanted.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(wanted) {
            if sections.indices.contains(number - 1) { return number }
        } else if !wanted.isEmpty {
            let lowered = wanted.lowercased()
            if let exact = sections.firstIndex(where: { $0.title.lowercased() == lowered }) { return exact + 1 }
            let matches = sections.indices.filter { sections[$0].title.lowercased().hasPrefix(lowered) }
            if matches.count == 1 { return matches[0] + 1 }
            if matches.count > 1 {
                throw UsageError(
                    "--from '\(wanted)' starts \(matches.count) section headings of lesson \(number): "
                        + matches.map { "\($0 + 1) \(sections[$0].title)" }.joined(separator: "; ") + "; give more of one, or its number")
            }
        }
        throw UsageError(
            "lesson \(number) has no section '\(wanted)'; its sections: "
                + sections.indices.map { "\($0 + 1) \(sections[$0].title)" }.joined(separator: "; "))
    }
}
