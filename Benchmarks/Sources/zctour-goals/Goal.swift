import Foundation

/// One line of the goals report: what was measured, the figure as a ratio, and whether it met
/// its goal (nil for figures that are reported, not judged).
struct Goal {
    let section: String
    let subject: String
    let figure: String
    let detail: String
    let met: Bool?

    var mark: String {
        switch met {
        case true?: "✓"
        case false?: "✗ MISSED"
        case nil: " "
        }
    }
}

/// The medians and minima the checks use.
enum Statistics {
    static func median(_ values: [Int]) -> Int {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[sorted.count / 2]
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[sorted.count / 2]
    }
}

/// A ratio or fraction with `digits` decimals.
func format(_ value: Double, digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
}
