/// Horizontal bars, one per row, scaled to the largest value and fitted to the width: Unicode
/// eighth blocks where the terminal can show them, `#` otherwise (no terminal, NO_COLOR, a
/// non-UTF-8 locale), so a chart pasted into a plain-text log still reads.
public struct BarChart {
    public struct Bar {
        let label: String
        let value: Double
        let text: String
    }

    let title: String
    var bars: [Bar] = []

    public init(title: String) { self.title = title }

    public mutating func add(_ label: String, value: Double, text: String) {
        bars.append(Bar(label: label, value: max(0, value.isFinite ? value : 0), text: text))
    }

    /// The narrowest bar area worth drawing; below it the chart is left out.
    static let minimumBar = 8

    /// The chart, or nil when there is nothing to draw or no room for it.
    /// `labelWidth` lines up several charts drawn one under the other.
    public func render(style: Style, labelWidth: Int = 0) -> String? {
        guard let largest = bars.map(\.value).max(), largest > 0 else { return nil }
        let labelWidth = max(labelWidth, bars.map(\.label.visibleWidth).max() ?? 0)
        let textWidth = bars.map(\.text.visibleWidth).max() ?? 0
        let room = style.width - 2 - labelWidth - 2 - 1 - textWidth
        guard room >= BarChart.minimumBar else { return nil }
        var lines = ["  " + style.bold(title)]
        for bar in bars {
            let drawn = BarChart.bar(bar.value / largest * Double(room), blocks: style.chartBlocks)
            lines.append(
                "  " + bar.label.padded(to: labelWidth) + "  " + style.cyan(drawn) + " "
                    + String(repeating: " ", count: room - drawn.visibleWidth) + bar.text.padded(to: textWidth, right: true))
        }
        return lines.joined(separator: "\n")
    }

    /// A bar `cells` wide: full blocks and one partial eighth, or `#`s; a value above zero always
    /// shows at least a sliver, so "small" never looks like "none".
    static func bar(_ cells: Double, blocks: Bool) -> String {
        let eighths = Int((cells * 8).rounded())
        if blocks {
            let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            let whole = eighths / 8
            let rest = eighths % 8
            let text = String(repeating: "█", count: whole) + partials[rest]
            return text.isEmpty && cells > 0 ? "▏" : text
        }
        let whole = Int(cells.rounded())
        return whole == 0 && cells > 0 ? "|" : String(repeating: "#", count: whole)
    }
}

extension Style {
    /// Block characters need a UTF-8 terminal that shows styling; elsewhere charts are ASCII.
    var chartBlocks: Bool { unicode && color }
}
