/// Swift's copy-on-write, step by step, on one region: which operations share the region's
/// storage and which copy it, silently. Each step runs alone in its own measured window (no
/// closure around it, so nothing but the step itself can allocate there), and whether its
/// result still shares the storage is checked by comparing addresses.
public enum Cow {
    public struct Step: Sendable, Equatable {
        /// The id a lesson's checks use (`cow.mutate-slice.allocations`).
        public let id: String
        /// The Swift that the step runs.
        public let code: String
        /// Whether the result still points into the original storage.
        public let shared: Bool
        /// The size of the result in bytes.
        public let bytes: Int
    }

    public static let stepIDs = ["slice", "view", "mutate-slice", "array-from-slice", "string-decoding", "copy-then-mutate"]

    /// Runs the steps on `original`; `window(id)` gives the window that measures one step.
    public static func steps(on original: [UInt8], window: (String) -> MeasurementWindow) throws -> [Step] {
        let half = original.count / 2
        let origin = original.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        var steps: [Step] = []
        func note(_ id: String, _ code: String, _ address: UnsafeRawPointer?, _ bytes: Int) {
            let value = UInt(bitPattern: address)
            let shared = address != nil && value >= origin && value < origin + UInt(original.count)
            steps.append(Step(id: id, code: code, shared: shared, bytes: bytes))
        }

        var measured = window("slice")
        measured.begin()
        let slice = original[..<half]
        measured.end()
        note("slice", "let slice = region[..<\(half)]", slice.withUnsafeBytes { $0.baseAddress }, slice.count)

        try Interruption.check()
        measured = window("view")
        measured.begin()
        let view = original.withUnsafeBytes { raw in UnsafeRawBufferPointer(rebasing: raw[..<half]) }
        measured.end()
        note("view", "region.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[..<\(half)]) }", view.baseAddress, view.count)

        try Interruption.check()
        measured = window("mutate-slice")
        var edited = slice
        measured.begin()
        edited[edited.startIndex] ^= 0xFF
        measured.end()
        note("mutate-slice", "var edited = slice; edited[0] ^= 0xFF", edited.withUnsafeBytes { $0.baseAddress }, edited.count)

        try Interruption.check()
        measured = window("array-from-slice")
        measured.begin()
        let array = Array(slice)
        measured.end()
        note("array-from-slice", "let array = Array(slice)", array.withUnsafeBytes { $0.baseAddress }, array.count)

        try Interruption.check()
        measured = window("string-decoding")
        measured.begin()
        var text = String(decoding: slice, as: UTF8.self)
        measured.end()
        text.withUTF8 {
            note("string-decoding", "let text = String(decoding: slice, as: UTF8.self)", UnsafeRawPointer($0.baseAddress), $0.count)
        }

        try Interruption.check()
        measured = window("copy-then-mutate")
        var copy = original
        measured.begin()
        copy[0] ^= 0xFF
        measured.end()
        note("copy-then-mutate", "var copy = region; copy[0] ^= 0xFF", copy.withUnsafeBytes { $0.baseAddress }, copy.count)

        withExtendedLifetime((slice, edited, array, copy)) {}
        return steps
    }
}

extension Demo {
    /// One region of `--buffer` bytes (its "size" is the buffer); the string step may take 1.5
    /// times its half, hence five regions' worth of memory.
    public static let cow = Demo(
        id: "cow", summary: "Swift's copy-on-write: which operations share storage and which copy", run: .steps,
        options: [.buffer], reasons: [.size: "it works on one region of --buffer bytes"], defaultSink: nil,
        memory: { _, buffer in saturatingSum(buffer, buffer, buffer, buffer, buffer) })
}
