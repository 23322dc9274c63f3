import CUring
import Glibc
import Syscalls

extension Ring {
    /// io_uring cannot be used here, and why, in one line: not a failure of the demo, a fact of
    /// the machine, which lessons count as "unavailable". The reason names what the kernel said
    /// (the errno) and what tells its causes apart (kernel.io_uring_disabled, the memlock limit).
    public struct Refused: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Cause: Sendable, Equatable {
            /// io_uring_setup fails with ENOSYS: a kernel without io_uring, or a seccomp filter.
            case missing
            /// EPERM with kernel.io_uring_disabled at 1 (or 2): the sysctl.
            case disabled(setting: Int)
            /// EPERM with the sysctl at 0: a seccomp filter or a security module.
            case forbidden
            /// io_uring_setup (or the probe) failed otherwise.
            case setup(errno: Int32)
            /// An opcode this kernel's io_uring does not have (IORING_REGISTER_PROBE).
            case opcodeMissing(String)
            /// Registered buffers or a zero-copy send need more locked memory than RLIMIT_MEMLOCK allows.
            case lockedMemory
        }

        public let cause: Cause
        public let description: String

        /// Why io_uring_setup failed, told apart the way the kernel allows: EPERM alone cannot
        /// tell the sysctl from seccomp, but the sysctl's value can.
        static func setupFailed(errno code: Int32, simulation: RingSimulation?) -> Refused {
            let said = SystemError(.ioUringSetup, errno: code).description
            let text: String
            let cause: Cause
            switch code {
            case ENOSYS:
                cause = .missing
                text = "io_uring is not available: \(said) (a kernel built without io_uring, or a seccomp filter that hides it)"
            case EPERM:
                let setting = simulation?.disabled ?? Ring.disabledSetting() ?? 0
                cause = setting > 0 ? .disabled(setting: setting) : .forbidden
                switch setting {
                case 2: text = "io_uring is disabled on this system (kernel.io_uring_disabled = 2): \(said)"
                case 1:
                    text =
                        "io_uring is disabled for users outside kernel.io_uring_group (kernel.io_uring_disabled = 1): \(said)"
                default:
                    text =
                        "\(said), although kernel.io_uring_disabled is 0: a seccomp filter (a container's default profile) "
                        + "or a security module refuses io_uring"
                }
            case ENOMEM:
                cause = .lockedMemory
                text =
                    "\(said): the locked-memory limit (ulimit -l, \(Ring.lockedMemoryLimitText())) cannot hold the ring's own "
                    + "pages, which are charged to it without CAP_IPC_LOCK"
            default:
                cause = .setup(errno: code)
                text = "io_uring cannot be used here: \(said)"
            }
            return Refused(cause: cause, description: text + (simulation?.mark ?? ""))
        }

        static func probeFailed(errno code: Int32) -> Refused {
            Refused(
                cause: .setup(errno: code),
                description: "this kernel's io_uring cannot list its opcodes (\(SystemError(.ioUringRegister, errno: code))): "
                    + "it is older than Linux 5.6, and older than the opcodes these demos use")
        }

        static func opcodeMissing(_ opcode: Opcode, simulation: RingSimulation?) -> Refused {
            Refused(
                cause: .opcodeMissing(opcode.name),
                description: "this kernel's io_uring has no \(opcode.name): IORING_REGISTER_PROBE says it is unsupported "
                    + "(it arrived in Linux \(opcode.since))" + (simulation?.mark ?? ""))
        }

        /// `buffers`: registered buffers (count and size); nil for a zero-copy send's pages.
        static func lockedMemory(bytes: Int, buffers: (count: Int, size: Int)?) -> Refused {
            let pages = (bytes + 4095) / 4096
            let what =
                buffers.map { "registering \($0.count) × \(Pipe.describe($0.size)) (\(pages) pages) with IORING_REGISTER_BUFFERS" }
                ?? "a wave of zero-copy sends (\(pages) pages pinned while in flight)"
            return Refused(
                cause: .lockedMemory,
                description: "\(what) fails with ENOMEM: without CAP_IPC_LOCK those pages are charged to the locked-memory "
                    + "limit (ulimit -l, \(Ring.lockedMemoryLimitText()), for all of this user's rings); runs with a smaller "
                    + "--queue or --buffer pin fewer, or raise the limit (ulimit -l)")
        }
    }

    /// /proc/sys/kernel/io_uring_disabled: 0 allowed, 1 only for kernel.io_uring_group and
    /// CAP_SYS_ADMIN, 2 for nobody; nil where the file is missing (a kernel before 6.6).
    static func disabledSetting() -> Int? {
        guard let bytes = try? Syscall.readAll(path: "/proc/sys/kernel/io_uring_disabled", limit: 64) else { return nil }
        return Int(String(decoding: bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }, as: UTF8.self))
    }

    /// RLIMIT_MEMLOCK's soft limit in bytes, nil when unlimited.
    public static func lockedMemoryLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(__RLIMIT_MEMLOCK.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    static func lockedMemoryLimitText() -> String {
        guard let limit = lockedMemoryLimit() else { return "unlimited" }
        return "\(limit / 1024) KiB"
    }
}

extension Ring.Opcode {
    /// The Linux release that added it, as the io_uring_enter(2) man page lists them.
    var since: String {
        switch self {
        case .readFixed, .writeFixed: "5.1"
        case .read, .write: "5.6"
        case .splice: "5.7"
        case .sendZerocopy: "6.0"
        }
    }
}

extension Ring {
    /// What this machine's io_uring offers the ring demos, for `doctor`: whether a ring can be set
    /// up at all, and which of the demos' opcodes the kernel's probe says it lacks.
    public struct Survey: Sendable, Equatable {
        /// Why no ring can be set up (or its opcodes listed) here; nil when one can.
        public let refusal: Refused?
        /// The demos' opcodes the kernel does not support, by name.
        public let unsupported: [String]
        /// The demos' opcodes it does support, by name.
        public let supported: [String]
    }

    /// Sets up one small ring, probes it and closes it: what every ring demo does first.
    public static func survey() -> Survey {
        let simulation = RingSimulation.current
        var ring = zc_ring()
        guard zc_ring_init(&ring, 8, simulation?.setupErrno ?? 0) == 0 else {
            return Survey(refusal: .setupFailed(errno: Glibc.errno, simulation: simulation), unsupported: [], supported: [])
        }
        defer { zc_ring_exit(&ring) }
        var opcodes = zc_opcodes()
        guard zc_ring_probe(&ring, &opcodes) == 0 else {
            return Survey(refusal: .probeFailed(errno: Glibc.errno), unsupported: [], supported: [])
        }
        let missing = Opcode.allCases.filter { zc_opcodes_supports(&opcodes, UInt32($0.rawValue)) == 0 || simulation?.lacks($0) == true }
        return Survey(
            refusal: nil, unsupported: missing.map(\.name), supported: Opcode.allCases.filter { !missing.contains($0) }.map(\.name))
    }

    /// The demos that need an opcode, by the opcode's name.
    public static func demos(needing opcode: String) -> [String] {
        switch opcode {
        case Opcode.read.name, Opcode.write.name: ["uring-read"]
        case Opcode.readFixed.name, Opcode.writeFixed.name: ["uring-fixed"]
        case Opcode.splice.name: ["uring-splice"]
        case Opcode.sendZerocopy.name: ["uring-send-zc"]
        default: []
        }
    }

    /// Whether the pages the ring demos lock are charged to RLIMIT_MEMLOCK: for a process without
    /// CAP_IPC_LOCK (taken here as not root).
    public static var chargesLockedMemory: Bool { geteuid() != 0 }

    /// The simulation's name when one is on, for `doctor` to say so.
    public static var simulation: String? { RingSimulation.current == nil ? nil : RingSimulation.variable }
}

extension Ring {
    /// Why the ring demo `demo` would be refused here, found as the demo finds it (a small ring
    /// set up and probed for its opcodes, then closed); nil when it can run or is no ring demo.
    /// compare and choose ask first, so that a refused row is left out of every round.
    public static func refusal(forDemo demo: String) -> Refused? {
        let needs = Opcode.allCases.filter { demos(needing: $0.name).contains(demo) }
        guard !needs.isEmpty else { return nil }
        do { _ = try Ring(operations: 8, needs: needs) } catch let refused as Refused { return refused } catch { return nil }
        return nil
    }
}
