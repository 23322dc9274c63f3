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
        var wrapping: [Int] { kept.filter { columns[$0].wraps } }
        func fitsByWrapping() -> Bool {
            let room = style.width - (total() - wrapping.reduce(0) { $0 + (measured[$1] ?? 0) })
            return !wrapping.isEmpty && room >= Table.narrowestWrap * wrapping.count
        }
        while total() > style.width && !fitsByWrapping() {
            let droppable = kept.filter { columns[$0].dropOrder > 0 }
            guard let victim = droppable.min(by: { columns[$0].dropOrder < columns[$1].dropOrder }) else { break }
            kept.removeAll { $0 == victim }
            measured = widths()
        }
        if total() > style.width && !wrapping.isEmpty {
            // What the other columns leave, shared by the wrapping ones, narrowest first: one
            // that needs less than its share keeps its width and leaves the rest to the wider
            // ones, so no cell wraps while the line has room for it.
            var room = style.width - (total() - wrapping.reduce(0) { $0 + (measured[$1] ?? 0) })
            var waiting = wrapping.sorted { (measured[$0] ?? 0, $0) < (measured[$1] ?? 0, $1) }
            while !waiting.isEmpty {
                let index = waiting.removeFirst()
                let width = min(measured[index] ?? 0, max(Table.narrowestWrap, room / (waiting.count + 1)))
                measured[index] = width
                room -= width
            }
        }
        return (kept, measured)
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
                return TextWrapper.wrap(cell, width: width)
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
