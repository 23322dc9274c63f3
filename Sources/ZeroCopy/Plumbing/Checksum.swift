import CShims

/// The streaming checksum that every demo's destination computes and compares with the
/// sample's: chunking does not change it, so any split of the bytes gives the same value.
public struct Checksum {
    private var state = zc_checksum()

    public init() { zc_checksum_init(&state) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        zc_checksum_update(&state, base, bytes.count)
    }

    public mutating func update(_ base: UnsafeRawPointer, count: Int) {
        zc_checksum_update(&state, base, count)
    }

    public var bytes: Int { Int(state.total) }
    public var value: UInt64 {
        withUnsafePointer(to: state) { zc_checksum_final($0) }
    }

    /// The checksum of one buffer.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var sum = Checksum()
        sum.update(bytes)
        return sum.value
    }
}

extension UInt64 {
    /// A checksum as people compare them: 16 hex digits.
    public var hex: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
