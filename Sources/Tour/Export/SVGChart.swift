/// A horizontal bar chart as inline SVG, for a handout read offline: one bar per row, the
/// value written beside it, a linear scale from zero so the lengths compare honestly (a row
/// with 1 syscall next to one with 16,000 shows as a sliver, which is the point). Each bar
/// carries its exact value in `data-value`, so a reader or a test can check it against the
/// run's JSON. A row measured over rounds has a whisker from the lowest to the highest end of
/// its range (`data-low`, `data-high`).
struct SVGChart {
    struct Bar {
        let label: String
        /// nil: not measured (the /proc counters were unavailable); shown as "n/a", no bar.
        let value: Int?
        let text: String
        /// The range over the rounds, where there is one.
        var range: ClosedRange<Int>? = nil
    }

    let title: String
    let bars: [Bar]

    static let width = 640
    static let rowHeight = 22
    static let top = 30

    /// The chart as one `<svg>` element (well-formed XML, so the page stays parseable).
    func render() -> String {
        // 12px monospace is about 7.2px a character; 8 leaves a margin in any font.
        let labelWidth = min(240, 16 + 8 * (bars.map(\.label.count).max() ?? 4))
        let valueWidth = 16 + 8 * (bars.map(\.text.count).max() ?? 4)
        let barSpace = max(60, SVGChart.width - labelWidth - valueWidth - 8)
        let height = SVGChart.top + SVGChart.rowHeight * bars.count + 8
        let largest = bars.compactMap { bar in bar.value.map { max($0, bar.range?.upperBound ?? 0) } }.max() ?? 0
        func x(_ value: Int) -> Int { labelWidth + Int((Double(value) / Double(max(largest, 1)) * Double(barSpace)).rounded()) }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(SVGChart.width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(SVGChart.width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        out += "<title>\(HTML.escape(title))</title>"
        out += "<text x=\"0\" y=\"18\" class=\"chart-title\">\(HTML.escape(title))</text>"
        for (index, bar) in bars.enumerated() {
            let y = SVGChart.top + index * SVGChart.rowHeight
            let middle = y + SVGChart.rowHeight / 2 + 4
            out +=
                "<text x=\"\(labelWidth - 8)\" y=\"\(middle)\" text-anchor=\"end\" class=\"chart-label\">\(HTML.escape(bar.label))</text>"
            var length = 0
            if let value = bar.value, largest > 0, value > 0 {
                length = max(1, Int((Double(value) / Double(largest) * Double(barSpace)).rounded()))
            }
            let valueAttribute = bar.value.map { String($0) } ?? "n/a"
            out +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(SVGChart.rowHeight - 6)\" "
                + "class=\"bar\" data-label=\"\(HTML.escape(bar.label))\" data-value=\"\(valueAttribute)\"/>"
            var textStart = labelWidth + length + 6
            if let range = bar.range, range.upperBound > range.lowerBound, largest > 0 {
                let (low, high) = (x(range.lowerBound), x(range.upperBound))
                let mid = y + SVGChart.rowHeight / 2
                out +=
                    "<path d=\"M\(low) \(mid)H\(high)M\(low) \(mid - 4)V\(mid + 4)M\(high) \(mid - 4)V\(mid + 4)\" class=\"whisker\" "
                    + "data-label=\"\(HTML.escape(bar.label))\" data-low=\"\(range.lowerBound)\" data-high=\"\(range.upperBound)\"/>"
                textStart = max(textStart, high + 6)
            }
            out += "<text x=\"\(textStart)\" y=\"\(middle)\" class=\"chart-value\">\(HTML.escape(bar.text))</text>"
        }
        return out + "</svg>"
    }

    /// The two charts of a comparison: throughput and syscalls per row.
    static func comparison(_ records: [RunRecord]) -> [SVGChart] {
        [
            SVGChart(
                title: "throughput (higher is faster; the whisker: its range over the rounds)",
                bars: records.map { record in
                    Bar(
                        label: record.label, value: bytesPerSecond(record),
                        text: NumberFormat.throughput(bytes: record.bytes, nanoseconds: record.wallNanoseconds),
                        range: throughputRange(record))
                }),
            SVGChart(
                title: "syscalls: read-type + write-type (syscr + syscw)",
                bars: records.map { record in
                    let calls = CompareView.syscalls(record)
                    // splice is invisible to /proc's syscall counts: "unseen", never a zero bar.
                    return Bar(
                        label: record.label, value: calls,
                        text: calls.map(NumberFormat.count) ?? (record.countersBlind != nil ? "unseen" : "n/a"))
                }),
        ]
    }

    /// The range of a record's throughput over its rounds (see `MedianRange`), in bytes per second.
    static func throughputRange(_ record: RunRecord) -> ClosedRange<Int>? {
        guard record.wallNanosecondsAll.count > 1,
            let range = MedianRange(record.wallNanosecondsAll.map { Double(record.bytes) * 1e9 / Double(max($0, 1)) })
        else { return nil }
        return Int(range.low.rounded())...Int(range.high.rounded())
    }

    /// Bytes per second of a record, the quantity the throughput bars show.
    static func bytesPerSecond(_ record: RunRecord) -> Int {
        guard record.wallNanoseconds > 0 else { return 0 }
        return Int((Double(record.bytes) * 1e9 / Double(record.wallNanoseconds)).rounded())
    }
}
