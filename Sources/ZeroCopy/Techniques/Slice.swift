/// Go's `src[i:j]`, in Swift the `ArraySlice` `region[i..<j]`: a view of every piece of a region,
/// no allocation, nothing copied.
public enum Slice {
    /// Takes an `ArraySlice` of every piece: no allocation, nothing copied, the same storage.
    static func run(_ region: [UInt8], piece: Int, expected: UInt64, window: MeasurementWindow) throws -> PieceWalk.Walk {
        try PieceWalk.walk(region, piece: piece, expected: expected, window: window) { region, range, use in
            let slice = region[range]
            slice.withUnsafeBytes(use)
        }
    }
}

extension Demo {
    public static let slice = Demo(
        id: "slice", summary: "in memory: a slice (view) of every piece, no copy", run: .pieces(Slice.run),
        options: [.size, .buffer], defaultSink: nil, memory: { size, buffer in saturatingSum(size, buffer) })
}
