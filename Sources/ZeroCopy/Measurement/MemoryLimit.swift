import CShims
import Glibc

/// The ceiling for every technique that copies: memcpy of the same number of bytes, each read
/// from memory once and copied once into a 64 KiB buffer that stays in the CPU's cache, the way
/// a read loop's buffer does. Source and buffer are faulted in before the window. A technique
/// that copies the bytes cannot beat it by much; one that moves none (sendfile or splice to
/// /dev/null) can, and the tour says why. Shown in the same run, as a fraction.
public enum MemoryLimit {
    /// The most memory the source holds: larger sizes read it repeatedly.
    public static let largestSource = 256 << 20
    /// The destination, reused like a read loop's buffer.
    public static let chunk = 64 << 10

    /// Copies `size` bytes of sample content with memcpy inside `window`, then checks the last
    /// chunk against its source.
    public static func copy(size: Int, window: MeasurementWindow) throws -> Verification {
        let span = max(1, min(size, largestSource))
        let source = UnsafeMutableRawPointer.allocate(byteCount: span, alignment: 4096)
        defer { source.deallocate() }
        let destination = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
        defer { destination.deallocate() }
        zc_fill_sample(source, span, 0)
        memset(destination, 0, chunk)
        window.begin()
        var copied = 0
        var last = (offset: 0, count: 0)
        while copied < size {
            let offset = copied % span
            let count = min(chunk, size - copied, span - offset)
            memcpy(destination, source + offset, count)
            last = (offset, count)
            copied += count
        }
        window.end()
        let sum = Checksum.of(UnsafeRawBufferPointer(start: destination, count: last.count))
        let expected = Checksum.of(UnsafeRawBufferPointer(start: source + last.offset, count: last.count))
        return Verification(bytes: copied, checksum: sum, expectedBytes: size, expectedChecksum: expected, method: .limit)
    }
}
