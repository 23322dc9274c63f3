import CTestSupport

/// The C library's own answer for how many columns a character takes (glibc's wcwidth(3) in
/// C.UTF-8), to hold zctour's display widths to; nil for a character it calls non-printable,
/// or where the C.UTF-8 locale is missing.
public enum SystemWidth {
    public static var available: Bool { zc_system_wcwidth(0x41) == 1 }

    public static func columns(_ scalar: Unicode.Scalar) -> Int? {
        let width = zc_system_wcwidth(scalar.value)
        return width >= 0 ? Int(width) : nil
    }
}
