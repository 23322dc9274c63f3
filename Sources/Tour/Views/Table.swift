/// A plain aligned table that measures display width (colour codes take none, CJK two columns)
/// and, when the terminal is too narrow, drops the columns marked least important first, then
/// wraps the column marked to wrap (a summary) within the room left, rather than dropping it.
public struct Table {
    public struct Column {
        public var title: String
        public var rightAligned: Bool
        /// Higher survives longer when space is short; 0 is never dropped.
        public var dropOrder: Int
        /// Text that wraps onto more lines of its row when the table is too wide.
        public var wraps: Bool

        public init(_ title: String, right: Bool = true, dropOrder: Int = 0, wraps: Bool = false) {
            self.title = title
            rightAligned = right
            self.dropOrder = dropOrder
            self.wraps = wraps
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public init(columns: [Column]) { self.columns = columns }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// A wrapped column keeps at least this many columns, so its words still read.
    static let narrowestWrap = 16

    /// The columns that fit `style.width`, dropped lowest `dropOrder` first, with their widths.
    func fitted(style: Style, indent: Int = 2) -> (kept: [Int], widths: [Int: Int]) {
        var kept = Array(columns.indices)
        func widths() -> [Int: Int] {
            var result: [Int: Int] = [:]
            for index in kept {
                result[index] =
                    ([columns[index].title] + rows.map { index < $0.count ? $0[index] : "" })
                    .map(\.visibleWidth).max() ?? 0
            }
            return result
        }
        var measured = widths()
        func total() -> Int { indent + kept.reduce(0) { $0 + (measured[$1] ?? 0) } + 2 * max(0, kept.count - 1) }
        // A column's longest word does not change as others are dropped: measured once.
        let longest = Dictionary(uniqueKeysWithValues: columns.indices.filter { columns[$0].wraps }.map { ($0, longestWord($0)) })
        var wrapping: [Wrapping] {
            kept.filter { columns[$0].wraps }.map { Wrapping(index: $0, natural: measured[$0] ?? 0, longestWord: longest[$0] ?? 0) }
        }
        func roomForWrapping() -> Int { style.width - (total() - wrapping.reduce(0) { $0 + $1.natural }) }
        func dropColumns(until fits: () -> Bool) {
            while total() > style.width && (wrapping.isEmpty || !fits()) {
                let droppable = kept.filter { columns[$0].dropOrder > 0 }
                guard let victim = droppable.min(by: { columns[$0].dropOrder < columns[$1].dropOrder }) else { break }
                kept.removeAll { $0 == victim }
                measured = widths()
            }
        }
        // Columns go so the wrapping ones keep their words whole; where even that is not enough
        // (a path wider than the line), dropping helps no word, and the columns stay that leave
        // each wrapping column `narrowestWrap`.
        let all = kept
        dropColumns { roomForWrapping() >= Table.roomToWrap(wrapping) }
        if total() > style.width && roomForWrapping() < Table.roomToWrap(wrapping) {
            kept = all
            measured = widths()
            dropColumns { roomForWrapping() >= Table.narrowestWrap * wrapping.count }
        }
        if total() > style.width && !wrapping.isEmpty {
            measured.merge(Table.share(roomForWrapping(), among: wrapping)) { $1 }
        }
        return (kept, measured)
    }

    /// A line cut into pieces of at most `width` columns, after a `/` where one falls in the
    /// second half of a piece (a path breaks between its parts).
    static func pieces(_ line: String, width: Int) -> [String] {
        var rest = line
        var out: [String] = []
        while rest.visibleWidth > width, width > 0 {
            var head = rest.prefix(columns: width)
            if let slash = head.lastIndex(of: "/"), head[...slash].visibleWidth > width / 2 {
                head = String(head[...slash])
            }
            guard !head.isEmpty else { break }
            out.append(head)
            rest = String(String.UnicodeScalarView(rest.unicodeScalars.dropFirst(head.unicodeScalars.count)))
        }
        return out + [rest]
    }

    /// The titles of the columns `render` shows at this width, so notes speak only of those.
    public func shownTitles(style: Style, indent: Int = 2) -> Set<String> {
        Set(fitted(style: style, indent: indent).kept.map { columns[$0].title })
    }

    /// The table, its titles in the first line unless `header` is false.
    public func render(style: Style, indent: Int = 2, header: Bool = true) -> String {
        let (kept, measured) = fitted(style: style, indent: indent)
        let pad = String(repeating: " ", count: indent)
        func lines(_ cells: [String], header: Bool) -> [String] {
            // Each cell as its lines: one, or several where a wrapping column's text is too wide.
            let stacked = kept.map { index -> [String] in
                let cell = index < cells.count ? cells[index] : ""
                let width = measured[index] ?? 0
                guard columns[index].wraps, cell.visibleWidth > width else { return [cell] }
                // A word wider than its column (only where even the words could not fit) goes
                // on in pieces under itself rather than pushing the next columns out of line.
                return TextWrapper.wrap(cell, width: width).flatMap { Table.pieces($0, width: width) }
            }
            let height = stacked.map(\.count).max() ?? 1
            return (0..<height).map { row in
                let text = zip(kept, stacked).map { index, parts -> String in
                    let part = row < parts.count ? parts[row] : ""
                    let fitted = part.padded(to: measured[index] ?? 0, right: columns[index].rightAligned)
                    return header ? style.bold(fitted) : fitted
                }.joined(separator: "  ")
                return pad + text.trimmingTrailingSpaces()
            }
        }
        var out = header ? lines(columns.map(\.title), header: true) : []
        for row in rows { out += lines(row, header: false) }
        return out.joined(separator: "\n")
    }
}
