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
        try Source(size: size).copy(size: size, window: window)
    }

    /// The source and the destination of the copy, filled and faulted in once, so that a
    /// comparison's rounds can measure the limit again and again without writing the source
    /// each time.
    public final class Source {
        let span: Int
        let source: UnsafeMutableRawPointer
        let destination: UnsafeMutableRawPointer

        /// Room for a copy of `size` bytes (at most `largestSource` of source).
        public init(size: Int) {
            span = max(1, min(size, MemoryLimit.largestSource))
            source = UnsafeMutableRawPointer.allocate(byteCount: span, alignment: 4096)
            destination = UnsafeMutableRawPointer.allocate(byteCount: MemoryLimit.chunk, alignment: 4096)
            zc_fill_sample(source, span, 0)
            memset(destination, 0, MemoryLimit.chunk)
        }

        deinit {
            source.deallocate()
            destination.deallocate()
        }

        /// Copies `size` bytes inside `window`, then checks the last chunk against its source.
        public func copy(size: Int, window: MeasurementWindow) throws -> Verification {
            window.begin()
            var copied = 0
            var last = (offset: 0, count: 0)
            while copied < size {
                let offset = copied % span
                let count = min(MemoryLimit.chunk, size - copied, span - offset)
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
}
