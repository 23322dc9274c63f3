/// A translation (`lessons/zh/NN-id.md`) checked against its English original, so the two
/// never teach different numbers: the same front matter but for `title` and `summary`, the
/// same `##` sections in the same order (their titles translated), and the same ` ```zctour `
/// and ` ```challenge ` blocks, line for line, in the same sections. Only the words a learner
/// reads are translated inside a block: a `predict` line's question (its expression stays), and
/// a challenge's `goal:` and `hint:` lines.
extension LessonLint {
    /// Front matter keys a translation gives in its own words.
    static let translatedKeys: Set<String> = ["title", "summary"]

    /// The raw parts of a lesson file the comparison needs, with their lines.
    struct Outline {
        var frontMatter: [(key: String, value: String, line: Int)] = []
        var headings: [(title: String, line: Int)] = []
        /// ` ```zctour ` and ` ```challenge ` blocks: the fence, the lines inside, the fence's
        /// line and the number of `##` headings above it.
        var blocks: [(fence: String, lines: [String], line: Int, section: Int)] = []

        init(_ text: String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
            var index = 0
            if lines.first == "---" {
                index = 1
                while index < lines.count && lines[index] != "---" {
                    if let colon = lines[index].firstIndex(of: ":") {
                        let key = lines[index][..<colon].trimmingWhitespace()
                        frontMatter.append((key, lines[index][lines[index].index(after: colon)...].trimmingWhitespace(), index + 1))
                    }
                    index += 1
                }
                index += 1
            }
            while index < lines.count {
                let line = lines[index]
                if line.hasPrefix("```") {
                    let fence = line.dropFirst(3).trimmingWhitespace()
                    let start = index
                    var body: [String] = []
                    index += 1
                    while index < lines.count && !lines[index].hasPrefix("```") {
                        body.append(lines[index])
                        index += 1
                    }
                    if fence == "zctour" || fence.hasPrefix("challenge") {
                        blocks.append((fence, body, start + 1, headings.count))
                    }
                } else if line.hasPrefix("## ") {
                    headings.append((String(line.dropFirst(3)).trimmingWhitespace(), index + 1))
                }
                index += 1
            }
        }
    }

    /// What differs between a translation and its original, one problem per difference found,
    /// each naming the block (or key, or section) and what differs.
    public static func translationProblems(translation: (path: String, text: String), original: (path: String, text: String))
        -> [LessonError]
    {
        let mine = Outline(translation.text)
        let theirs = Outline(original.text)
        let path = translation.path
        let english = original.path
        var found: [LessonError] = []
        func add(_ line: Int, _ problem: String) { found.append(LessonError(path: path, line: line, problem: problem)) }

        let myKeys = mine.frontMatter.filter { !translatedKeys.contains($0.key) }
        let theirKeys = theirs.frontMatter.filter { !translatedKeys.contains($0.key) }
        for item in theirKeys {
            guard let same = myKeys.first(where: { $0.key == item.key }) else {
                add(1, "front matter: '\(item.key):' of \(english):\(item.line) is missing; copy it unchanged")
                continue
            }
            if same.value != item.value {
                add(
                    same.line,
                    "front matter: '\(item.key): \(same.value)' differs from '\(item.key): \(item.value)' in \(english):\(item.line)")
            }
        }
        for item in myKeys where !theirKeys.contains(where: { $0.key == item.key }) {
            add(item.line, "front matter: '\(item.key):' is not in \(english); a translation changes only title and summary")
        }

        if mine.headings.count != theirs.headings.count {
            let line = mine.headings.last?.line ?? 1
            add(
                line,
                "has \(mine.headings.count) sections ('## ' headings), \(english) has \(theirs.headings.count): "
                    + "translate each heading in its place, and add or remove none")
        }

        let count = max(mine.blocks.count, theirs.blocks.count)
        for index in 0..<count {
            let name = "block \(index + 1)"
            guard index < mine.blocks.count else {
                let missing = theirs.blocks[index]
                add(
                    mine.blocks.last?.line ?? 1,
                    "\(name) (```\(missing.fence) of \(english):\(missing.line)) is missing; copy it unchanged")
                continue
            }
            let block = mine.blocks[index]
            guard index < theirs.blocks.count else {
                add(block.line, "\(name) (```\(block.fence)) is not in \(english); a translation adds no block")
                continue
            }
            let other = theirs.blocks[index]
            if block.fence != other.fence {
                add(block.line, "\(name): '```\(block.fence)' differs from '```\(other.fence)' in \(english):\(other.line)")
                continue
            }
            if block.section != other.section {
                add(
                    block.line,
                    "\(name) (```\(block.fence)) is in section \(block.section) here, in section \(other.section) in \(english):\(other.line)"
                )
            }
            if let (offset, mineLine, theirLine) = firstDifference(block.lines, other.lines) {
                let here = block.line + 1 + offset
                let there = other.line + 1 + offset
                switch (mineLine, theirLine) {
                case (let mineLine?, let theirLine?):
                    add(here, "\(name) (```\(block.fence)): '\(mineLine)' differs from '\(theirLine)' in \(english):\(there)")
                case (nil, let theirLine?):
                    add(here, "\(name) (```\(block.fence)): '\(theirLine)' of \(english):\(there) is missing")
                case (let mineLine?, nil):
                    add(here, "\(name) (```\(block.fence)): '\(mineLine)' is not in \(english)")
                case (nil, nil):
                    break
                }
            }
        }
        return found
    }

    /// The first line where two blocks differ: its offset and each side's line (nil past the end).
    static func firstDifference(_ mine: [String], _ theirs: [String]) -> (Int, String?, String?)? {
        for index in 0..<max(mine.count, theirs.count) {
            let left = index < mine.count ? mine[index] : nil
            let right = index < theirs.count ? theirs[index] : nil
            if let left, let right, sameButForTranslatedWords(left, right) { continue }
            if left != right { return (index, left, right) }
        }
        return nil
    }

    /// Whether two block lines differ only in words that are translated: a prediction's
    /// question, with the same expression before its colon, or a challenge's goal or hint.
    static func sameButForTranslatedWords(_ mine: String, _ theirs: String) -> Bool {
        for key in ["goal:", "hint:"] where mine.hasPrefix(key) && theirs.hasPrefix(key) { return true }
        guard mine.hasPrefix("predict "), theirs.hasPrefix("predict ") else { return false }
        func expression(_ line: String) -> Substring? { line.firstIndex(of: ":").map { line[..<$0] } }
        guard let left = expression(mine), let right = expression(theirs) else { return false }
        return left == right
    }
}
