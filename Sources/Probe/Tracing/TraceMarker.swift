import Glibc

/// How a traced demo marks its measured window for the tracer: a write(2) to descriptor -1 of
/// a recognisable text. It fails at once with EBADF, before the kernel's I/O accounting, so
/// /proc counts nothing for it, and strace shows it plainly:
/// `write(-1, "zctour-window-begin\n", 20) = -1 EBADF`.
public enum TraceMarker {
    static let beginText: StaticString = "zctour-window-begin\n"
    static let endText: StaticString = "zctour-window-end\n"

    public static func begin() { mark(beginText) }
    public static func end() { mark(endText) }

    private static func mark(_ text: StaticString) {
        _ = write(-1, text.utf8Start, text.utf8CodeUnitCount)
    }

    static func isBegin(_ call: SyscallCall) -> Bool { isMarker(call, length: beginText.utf8CodeUnitCount) }
    static func isEnd(_ call: SyscallCall) -> Bool { isMarker(call, length: endText.utf8CodeUnitCount) }

    private static func isMarker(_ call: SyscallCall, length: Int) -> Bool {
        call.name == "write" && Int32(truncatingIfNeeded: call.arguments[0]) == -1 && call.arguments[2] == UInt64(length)
    }
}
