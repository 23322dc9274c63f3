/// The walk of a region in pieces that the in-memory demos share: `copy` makes each piece a new
/// array, `slice` a view. Whether a piece shares the region's storage is checked by address,
/// not assumed.
public enum PieceWalk {
    /// What walking the region produced: the bytes seen (checksummed) and how many were copied.
    public struct Walk: Sendable, Equatable {
        public let verification: Verification
        public let pieces: Int
        public let copiedBytes: Int
        public let sharedPieces: Int
    }

    /// The walk both demos share. `take` makes the piece its own way and hands its bytes to
    /// `use` while they are alive, which checksums them and notes where they live.
    static func walk(
        _ region: [UInt8], piece: Int, expected: UInt64, window: MeasurementWindow,
        take: ([UInt8], Range<Int>, (UnsafeRawBufferPointer) -> Void) -> Void
    ) throws -> Walk {
        let origin = region.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        var sum = Checksum()
        var pieces = 0
        var copied = 0
        var shared = 0
        window.begin()
        var offset = 0
        while offset < region.count {
            try Interruption.check()
            let end = min(offset + piece, region.count)
            var address: UInt = 0
            take(region, offset..<end) { bytes in
                sum.update(bytes)
                address = UInt(bitPattern: bytes.baseAddress)
            }
            if address == origin + UInt(offset) {
                shared += 1
            } else {
                copied += end - offset
            }
            pieces += 1
            offset = end
        }
        window.end()
        let verification = Verification(
            bytes: sum.bytes, checksum: sum.value, expectedBytes: region.count, expectedChecksum: expected,
            method: .userSpace)
        return Walk(verification: verification, pieces: pieces, copiedBytes: copied, sharedPieces: shared)
    }
}
