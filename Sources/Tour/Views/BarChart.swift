/// Horizontal bars, one per row, scaled to the largest value and fitted to the width: Unicode
/// eighth blocks where the terminal can show them, `#` otherwise (no terminal, NO_COLOR, a
/// non-UTF-8 locale), so a chart pasted into a plain-text log still reads. A bar with a range
/// (a row measured over rounds: its median and the range that holds the median with 95%
/// confidence, `MedianRange`) ends at its median, as its number does: solid up to the range's
/// low end, medium shade from there to the median, light from the median to the range's high
/// end. (Solid to the low end alone once drew a row three times faster with a shorter bar.)
public struct BarChart {
    public struct Bar {
        let label: String
        let value: Double
        let text: String
        let range: ClosedRange<Double>?
    }

    let title: String
    var bars: [Bar] = []

    public init(title: String) { self.title = title }

    public mutating func add(_ label: String, value: Double, text: String, range: ClosedRange<Double>? = nil) {
        func clean(_ number: Double) -> Double { max(0, number.isFinite ? number : 0) }
        let spread = range.map { clean($0.lowerBound)...max(clean($0.lowerBound), clean($0.upperBound)) }
        bars.append(Bar(label: label, value: clean(value), text: text, range: spread))
    }

    /// Whether any bar shows a range, so the title can say what the light part means.
    var hasRanges: Bool { bars.contains { $0.range.map { $0.upperBound > $0.lowerBound } ?? false } }

    /// The narrowest bar area worth drawing; below it the chart is left out.
    static let minimumBar = 8

    /// The chart, or nil when there is nothing to draw or no room for it.
    /// `labelWidth` lines up several charts drawn one under the other.
    public func render(style: Style, labelWidth: Int = 0) -> String? {
        guard let largest = bars.map({ max($0.value, $0.range?.upperBound ?? 0) }).max(), largest > 0 else { return nil }
        let labelWidth = max(labelWidth, bars.map(\.label.visibleWidth).max() ?? 0)
        let textWidth = bars.map(\.text.visibleWidth).max() ?? 0
        let room = style.width - 2 - labelWidth - 2 - 1 - textWidth
        guard room >= BarChart.minimumBar else { return nil }
        let (medium, light) = style.chartBlocks ? ("▓", "░") : ("=", "-")
        var lines = ["  " + style.bold(title)]
        if hasRanges {
            lines += TextWrapper.wrap(
                "the bar ends at the median of the rounds; \(medium) and \(light) span the range that holds it with 95% confidence",
                width: style.width, first: "  ", rest: "  "
            ).map(style.dim)
        }
        func cells(_ value: Double) -> Int { min(room, Int((value / largest * Double(room)).rounded())) }
        for bar in bars {
            var drawn: String
            if let range = bar.range, range.upperBound > range.lowerBound {
                // Whole cells, so the three parts add up to the range's high end exactly.
                let low = cells(range.lowerBound)
                let median = max(low, cells(bar.value))
                let high = max(median, cells(range.upperBound))
                drawn =
                    style.cyan(String(repeating: style.chartBlocks ? "█" : "#", count: low))
                    + style.cyan(String(repeating: medium, count: median - low))
                    + style.dim(String(repeating: light, count: high - median))
                if drawn.visibleWidth == 0 && bar.value > 0 {
                    drawn = style.cyan(BarChart.bar(bar.value / largest * Double(room), blocks: style.chartBlocks))
                }
            } else {
                drawn = style.cyan(BarChart.bar(bar.value / largest * Double(room), blocks: style.chartBlocks))
            }
            let padding = String(repeating: " ", count: max(0, room - drawn.visibleWidth))
            lines.append(
                "  " + bar.label.padded(to: labelWidth) + "  " + drawn + " " + padding + bar.text.padded(to: textWidth, right: true))
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
