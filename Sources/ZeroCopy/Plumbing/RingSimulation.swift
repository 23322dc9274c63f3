import Glibc

/// `ZCTOUR_SIMULATE_URING` makes io_uring refuse as a machine would, for the tests and for
/// `doctor`, without root or a second kernel: `enosys` (no io_uring, or a seccomp filter that
/// says so), `eperm` (seccomp or an LSM: the sysctl reads as it really is), `disabled=1` and
/// `disabled=2` (EPERM with kernel.io_uring_disabled read as that value), `memlock` (ENOMEM from
/// io_uring_setup), `no-read-fixed`, `no-splice`, `no-send-zc` (the probe says the opcode is
/// unsupported). The real code runs: io_uring_setup is simply not called, or the probe's answer
/// is changed, and the reason says it was simulated.
struct RingSimulation: Sendable, Equatable {
    let setupErrno: Int32
    let disabled: Int?
    let missing: Ring.Opcode?

    static let variable = "ZCTOUR_SIMULATE_URING"

    /// What the environment asks for; nil without it (or with a value it does not know).
    static var current: RingSimulation? {
        guard let raw = getenv(variable) else { return nil }
        return RingSimulation(String(cString: raw))
    }

    init?(_ text: String) {
        switch text {
        case "enosys": self.init(setupErrno: ENOSYS, disabled: nil, missing: nil)
        case "eperm": self.init(setupErrno: EPERM, disabled: nil, missing: nil)
        case "disabled=1": self.init(setupErrno: EPERM, disabled: 1, missing: nil)
        case "disabled=2": self.init(setupErrno: EPERM, disabled: 2, missing: nil)
        case "memlock": self.init(setupErrno: ENOMEM, disabled: nil, missing: nil)
        case "no-read-fixed": self.init(setupErrno: 0, disabled: nil, missing: .readFixed)
        case "no-splice": self.init(setupErrno: 0, disabled: nil, missing: .splice)
        case "no-send-zc": self.init(setupErrno: 0, disabled: nil, missing: .sendZerocopy)
        default: return nil
        }
    }

    private init(setupErrno: Int32, disabled: Int?, missing: Ring.Opcode?) {
        self.setupErrno = setupErrno
        self.disabled = disabled
        self.missing = missing
    }

    func lacks(_ opcode: Ring.Opcode) -> Bool { missing == opcode }

    /// Appended to a reason, so nobody mistakes a simulation for the machine.
    var mark: String { " [simulated by \(RingSimulation.variable)]" }
}
