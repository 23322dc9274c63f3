extension Doctor {
    /// What to do about a refused ptrace, from what this machine shows rather than a guess: a
    /// tracer already attached (zctour run under strace or gdb: a process has one tracer),
    /// Yama's scope when Yama is there (and nothing about Yama where it is not), a seccomp filter
    /// (a container's profile), else a security module or a missing capability.
    func ptraceAdvice(yamaScope: String?) -> String {
        let status = Doctor.readAll("\(runner.procRoot)/self/status") ?? ""
        func field(_ name: String) -> String? {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .map { $0.dropFirst(name.count + 1).trimmingWhitespace() }
        }
        let without = "or teach without --trace (everything else works)"
        if let tracer = field("TracerPid"), tracer != "0" {
            let name = Doctor.readAll("\(runner.procRoot)/\(tracer)/comm")?.trimmingWhitespace() ?? "another program"
            return "zctour itself is being traced, by \(name) (pid \(tracer)), and a process has one tracer: "
                + "run zctour outside \(name) for --trace, \(without)"
        }
        switch yamaScope {
        case "3":
            return "Yama's ptrace_scope 3 cannot be lowered until the next boot; \(without)"
        case "2":
            return "Yama's ptrace_scope 2 lets only root trace: as root, sysctl kernel.yama.ptrace_scope=1 "
                + "(a process may then trace its own children, which is all --trace does), \(without)"
        default:
            break
        }
        let yama = yamaScope.map { "Yama's ptrace_scope \($0) allows tracing children" } ?? "this kernel has no Yama"
        if let mode = field("Seccomp"), mode != "0" {
            return "\(yama), but zctour runs under a seccomp filter (Seccomp: \(mode)), as a container's profile sets one: "
                + "start the container with ptrace allowed (docker run --cap-add=SYS_PTRACE, or a profile that allows ptrace), \(without)"
        }
        return "\(yama) and no seccomp filter applies, so a security module (AppArmor, SELinux) or a container without "
            + "CAP_SYS_PTRACE refuses it: in a container, docker run --cap-add=SYS_PTRACE; \(without)"
    }
}
