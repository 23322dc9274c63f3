/// A plain aligned table that measures visible width (colour codes take none) and, when the
/// terminal is too narrow, drops the columns marked least important first.
public struct Table {
    public struct Column {
        public var title: String
        public var rightAligned: Bool
        /// Higher survives longer when space is short; 0 is never dropped.
        public var dropOrder: Int

        public init(_ title: String, right: Bool = true, dropOrder: Int = 0) {
            self.title = title
            rightAligned = right
            self.dropOrder = dropOrder
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public init(columns: [Column]) { self.columns = columns }

    public mutating func add(_ row: [String]) { rows.append(row) }

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
        while total() > style.width {
            let droppable = kept.filter { columns[$0].dropOrder > 0 }
            guard let victim = droppable.min(by: { columns[$0].dropOrder < columns[$1].dropOrder }) else { break }
            kept.removeAll { $0 == victim }
            measured = widths()
        }
        return (kept, measured)
    }

    /// The titles of the columns `render` shows at this width, so notes speak only of those.
    public func shownTitles(style: Style, indent: Int = 2) -> Set<String> {
        Set(fitted(style: style, indent: indent).kept.map { columns[$0].title })
    }

    public func render(style: Style, indent: Int = 2) -> String {
        let (kept, measured) = fitted(style: style, indent: indent)
        let pad = String(repeating: " ", count: indent)
        func line(_ cells: [String], header: Bool) -> String {
            let text = kept.map { index -> String in
                let cell = index < cells.count ? cells[index] : ""
                let fitted = cell.padded(to: measured[index] ?? 0, right: columns[index].rightAligned)
                return header ? style.bold(fitted) : fitted
            }.joined(separator: "  ")
            return pad + text.trimmingTrailingSpaces()
        }
        var out = [line(columns.map(\.title), header: true)]
        out += rows.map { line($0, header: false) }
        return out.joined(separator: "\n")
    }
}
