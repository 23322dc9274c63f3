/// Go's `b := make([]byte, n); copy(b, src[i:j])`, in Swift `Array(region[i..<j])`: a new array
/// for every piece of a region, one allocation and one copy each.
public enum Copy {
    /// Makes a new array of every `piece`-byte piece of `region`: one allocation and one copy each.
    static func run(_ region: [UInt8], piece: Int, expected: UInt64, window: MeasurementWindow) throws -> PieceWalk.Walk {
        try PieceWalk.walk(region, piece: piece, expected: expected, window: window) { region, range, use in
            let copy = Array(region[range])
            copy.withUnsafeBytes(use)
        }
    }
}

extension Demo {
    public static let copy = Demo(
        id: "copy", summary: "in memory: a new array for every piece of a region", run: .pieces(Copy.run),
        options: [.size, .buffer], defaultSink: nil, memory: { size, buffer in saturatingSum(size, buffer) })
}
