import Foundation
import Glibc
import Syscalls
import TestSupport

/// Goals on what `zctour inspect` costs the program it watches: the release binary spawned
/// around a real program, in the same interleaved rounds as the program untraced, `strace -f -c`
/// and `strace -f -c --seccomp-bpf -e trace=read,write` (which still stops at every read and
/// write). Three programs on the 64 MiB warm sample: a 4 KiB read/write loop (dd), cat into a
/// pipe, cp. The goals, per program: the default mode (a seccomp filter that stops only at the
/// calls it decodes; read/write totals from /proc at each task's exit) within 1.5× of the
/// untraced program, and --every-call (a stop at every call, as strace makes) no slower than
/// `strace -f -c`. They are judged on the program's time under the tracer, as inspect's own
/// clock gives it (`traced_ns`: fork to the last task reaped), against the untraced program's
/// spawn to exit and strace's (whose own start, a C program's, is in its figure): zctour's
/// start-up (the Swift runtime and Foundation loaded, the command line parsed) and its report
/// are the same whatever the program, so they are measured apart and reported, with the ratio
/// end to end as a user meets it. Each ratio is the median, over the rounds, of the two times of
/// one round (every variant runs once per round, in alternating order). A goal missed is
/// measured for as many rounds again, up to three times in all, before it counts as missed, as
/// the parity goal does. Reports go to a file in the fixture's directory.
struct InspectOverheadCheck {
    static let defaultBudget = 1.5
    static let everyCallBudget = 1.0

    let binary: String
    let sample: String
    let directory: String
    let rounds: Int
    var report: String { directory + "/inspect-report.json" }

    struct Variant {
        let name: String
        let prefix: [String]
    }

    struct Program {
        let name: String
        let command: [String]
        /// Removed before every run, outside its timing, so every run starts alike.
        let output: String?
    }

    func run() -> [Goal] {
        let strace = "/usr/bin/strace"
        guard access(binary, X_OK) == 0 else {
            return [Goal(section: "inspect", subject: "inspect", figure: "-", detail: "no \(binary): `make goals` builds it", met: false)]
        }
        let haveStrace = access(strace, X_OK) == 0
        var variants = [
            Variant(name: "untraced", prefix: []),
            Variant(name: "inspect", prefix: [binary, "inspect", "--json", "-o", report, "--"]),
            Variant(name: "inspect --every-call", prefix: [binary, "inspect", "--every-call", "--json", "-o", report, "--"]),
        ]
        if haveStrace {
            variants += [
                Variant(name: "strace -f -c", prefix: [strace, "-f", "-c", "-o", "/dev/null", "--"]),
                Variant(
                    name: "strace --seccomp-bpf",
                    prefix: [strace, "-f", "-c", "--seccomp-bpf", "-e", "trace=read,write", "-o", "/dev/null", "--"]),
            ]
        }
        let copy = directory + "/inspect-cp-out"
        let programs = [
            Program(name: "dd bs=4k", command: ["/usr/bin/dd", "if=\(sample)", "of=/dev/null", "bs=4k", "status=none"], output: nil),
            Program(name: "cat | cat", command: ["/bin/sh", "-c", "cat \"$0\" | cat > /dev/null", sample], output: nil),
            Program(name: "cp", command: ["/usr/bin/cp", sample, copy], output: copy),
        ]
        var goals: [Goal] = []
        for program in programs {
            goals += measure(program, variants: variants, haveStrace: haveStrace)
            if Interruption.pending != nil { break }
        }
        unlink(copy)
        return goals
    }

    private func measure(_ program: Program, variants: [Variant], haveStrace: Bool) -> [Goal] {
        var times = Array(repeating: [Timing](), count: variants.count)
        func ratio(_ a: Int, _ b: Int) -> SpeedRatio { SpeedRatio(times[a], times[b]) }
        do {
            for attempt in 0..<3 {
                let more = try interleave(program, variants: variants, warm: attempt == 0)
                for index in variants.indices { times[index] += more[index] }
                let defaultMet = ratio(1, 0).wall <= InspectOverheadCheck.defaultBudget
                let everyCallMet = !haveStrace || ratio(2, 3).wall <= InspectOverheadCheck.everyCallBudget
                if defaultMet && everyCallMet { break }
            }
        } catch {
            return [Goal(section: "inspect", subject: program.name, figure: "-", detail: "failed: \(error)", met: false)]
        }
        let subject = program.name
        let rounds = "median of \(times[0].count) interleaved rounds"
        let untraced = Statistics.median(times[0].map(\.wall))
        let inspect = ratio(1, 0)
        let endToEnd = SpeedRatio(times[1].map { Timing(wall: $0.endToEnd, cpu: $0.cpu) }, times[0])
        let startup = Statistics.median(times[1].map { $0.endToEnd - $0.wall })
        var goals = [
            Goal(
                section: "inspect", subject: "\(subject): inspect ÷ untraced", figure: format(inspect.wall) + "×",
                detail: "traced_ns, \(rounds) (untraced \(format(Double(untraced) / 1e6, digits: 1)) ms);"
                    + " end to end \(format(endToEnd.wall))× with zctour's start-up and report, \(format(Double(startup) / 1e6, digits: 1)) ms;"
                    + " CPU end to end \(format(inspect.cpu))×; goal ≤ \(format(InspectOverheadCheck.defaultBudget, digits: 1))×",
                met: inspect.wall <= InspectOverheadCheck.defaultBudget)
        ]
        guard haveStrace else {
            goals.append(
                Goal(
                    section: "inspect", subject: "\(subject): --every-call ÷ strace", figure: "-",
                    detail: "not run: strace is not installed (scripts/ensure-deps.sh installs it)", met: nil))
            return goals
        }
        let everyCall = ratio(2, 3)
        let everyCallEndToEnd = SpeedRatio(times[2].map { Timing(wall: $0.endToEnd, cpu: $0.cpu) }, times[3])
        goals.append(
            Goal(
                section: "inspect", subject: "\(subject): --every-call ÷ strace -f -c", figure: format(everyCall.wall) + "×",
                detail: "traced_ns against strace's spawn to exit, \(rounds); end to end \(format(everyCallEndToEnd.wall))×;"
                    + " CPU end to end \(format(everyCall.cpu))×; goal ≤ 1.00×",
                met: everyCall.wall <= InspectOverheadCheck.everyCallBudget))
        for (index, name) in [(2, "--every-call"), (3, "strace -f -c"), (4, "strace --seccomp-bpf -e trace=read,write")] {
            let against = ratio(index, 0)
            goals.append(
                Goal(
                    section: "inspect", subject: "\(subject): \(name) ÷ untraced", figure: format(against.wall) + "×",
                    detail: "\(index == 2 ? "traced_ns" : "spawn to exit"), \(rounds) (CPU \(format(against.cpu))×)", met: nil))
        }
        return goals
    }

    /// One warm-up run of each variant (the first round only), then `rounds` rounds, each variant
    /// once per round, in alternating order.
    private func interleave(_ program: Program, variants: [Variant], warm: Bool) throws -> [[Timing]] {
        if warm { for variant in variants { _ = try time(program, variant) } }
        var times = Array(repeating: [Timing](), count: variants.count)
        for round in 0..<rounds {
            let order = round % 2 == 0 ? Array(variants.indices) : variants.indices.reversed()
            for index in order {
                try Interruption.check()
                times[index].append(try time(program, variants[index]))
            }
        }
        return times
    }

    /// The program's time (spawn to exit, or inside inspect its own `traced_ns`), spawn to exit,
    /// and the CPU time of everything it ran (tracer and tracees alike, from RUSAGE_CHILDREN,
    /// which grows by each reaped child's whole tree).
    private func time(_ program: Program, _ variant: Variant) throws -> Timing {
        if let output = program.output { unlink(output) }
        unlink(report)
        let null = try Syscall.value(.open, path: "/dev/null") { open("/dev/null", O_RDWR | O_CLOEXEC) }
        defer { close(null) }
        let arguments = variant.prefix + program.command
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var before = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &before)
        let start = DispatchTime.now().uptimeNanoseconds
        let child = try ChildProcess.spawn(
            arguments[0], arguments: arguments, environment: environment, input: null, output: null, error: null)
        let termination = try child.wait()
        let wall = Int(DispatchTime.now().uptimeNanoseconds - start)
        var after = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &after)
        guard termination == .exited(0) else {
            throw StartupFailure("\(variant.name) \(program.name): \(termination)")
        }
        func nanoseconds(_ usage: rusage) -> Int {
            (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000_000 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1_000
        }
        let cpu = nanoseconds(after) - nanoseconds(before)
        guard variant.prefix.contains(report) else { return Timing(wall: wall, cpu: cpu, endToEnd: wall) }
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        guard let traced = document?["traced_ns"] as? Int else { throw StartupFailure("no traced_ns in \(report)") }
        return Timing(wall: traced, cpu: cpu, endToEnd: wall)
    }
}
