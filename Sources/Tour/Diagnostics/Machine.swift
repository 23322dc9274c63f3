import Glibc

/// The machine the numbers were measured on, for `doctor` and for the header of a handout:
/// numbers from another kernel or another CPU count are not the same numbers.
public struct Machine: Sendable, Encodable {
    /// `uname -r`, e.g. `6.18.0-1-amd64`.
    public let kernel: String
    /// `uname -m`, e.g. `x86_64`.
    public let architecture: String
    /// Online CPUs: on a 2-core machine a socket's receiver thread competes with the sender.
    public let cpus: Int
    /// When this was measured, in UTC (ISO 8601).
    public let date: String

    enum CodingKeys: String, CodingKey { case kernel, architecture, cpus, date }

    public static func current() -> Machine {
        var names = utsname()
        uname(&names)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let date =
            "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
        return Machine(
            kernel: text(names.release), architecture: text(names.machine),
            cpus: max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))), date: date)
    }

    /// The kernel's major and minor version (`6.18.0-1-amd64` → 6, 18), nil if unreadable.
    public var kernelVersion: (major: Int, minor: Int)? {
        let numbers = kernel.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1])
    }

    /// `Linux 6.18.0 x86_64 · 2 CPUs`.
    public func summary(dot: String) -> String {
        "Linux \(kernel) \(architecture) \(dot) \(cpus) CPU\(cpus == 1 ? "" : "s")"
    }
}
