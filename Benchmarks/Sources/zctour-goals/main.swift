import BenchSupport
import Foundation
import Syscalls
import ZeroCopy

// zctour-goals: the performance goals, checked as ratios measured in one run on this
// machine, interleaved so that the machine's noise falls on both sides of every ratio. Prints
// one table and exits 1 if a goal is missed, 2 on bad arguments.
//
//   zctour-goals [--rounds N] [--only parity,limit,ring,mallocs,startup,overheads,inspect,nginx] [--demos a,b]
//                [--root DIR] [--nginx PATH]

struct Options {
    var rounds = 15
    var only: Set<String> = ["parity", "limit", "ring", "mallocs", "startup", "overheads", "inspect", "nginx"]
    var root: String?
    var demos = BenchmarkPlan.fileDemos
    var nginx: String?

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--rounds":
                guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { return nil }
                options.rounds = value
            case "--only":
                guard let value = rest.popFirst() else { return nil }
                options.only = Set(value.split(separator: ",").map(String.init))
            case "--demos":
                guard let value = rest.popFirst() else { return nil }
                let named = value.split(separator: ",").map { Demo.named(String($0)) }
                guard !named.isEmpty, named.allSatisfy({ $0?.usesSample == true }) else { return nil }
                options.demos = named.compactMap { $0 }
            case "--root":
                guard let value = rest.popFirst() else { return nil }
                options.root = value
            case "--nginx":
                guard let value = rest.popFirst() else { return nil }
                options.nginx = value
            default:
                return nil
            }
        }
        return options
    }
}

/// The zctour checkout: `--root`, else the current directory or its parent (`make bench` runs
/// this from Benchmarks/), whichever holds lessons/ and Package.swift.
func locateRoot(_ given: String?) -> String? {
    let here = FileManager.default.currentDirectoryPath
    for candidate in [given, here, (here as NSString).deletingLastPathComponent].compactMap({ $0 }) {
        if FileManager.default.fileExists(atPath: candidate + "/lessons")
            && FileManager.default.fileExists(atPath: candidate + "/Sources/zctour")
        {
            return candidate
        }
    }
    return nil
}

/// A program built beside this one (`startup-floor` in the same .build/release).
func siblingExecutable(_ name: String) -> String {
    let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return (own as NSString).deletingLastPathComponent + "/" + name
}

/// The nginx scripts/fetch-nginx.sh unpacked (`make goals` runs it), else one installed.
func locateNginx(root: String) -> String? {
    let candidates = [root + "/Benchmarks/.build/nginx/usr/sbin/nginx", "/usr/sbin/nginx", "/usr/local/sbin/nginx"]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

func printReport(_ goals: [Goal]) {
    let subjectWidth = goals.map(\.subject.count).max() ?? 0
    let figureWidth = goals.map(\.figure.count).max() ?? 0
    var section = ""
    for goal in goals {
        if goal.section != section {
            section = goal.section
            print("\n\(section)")
        }
        let subject = goal.subject.padding(toLength: subjectWidth, withPad: " ", startingAt: 0)
        let figure = String(repeating: " ", count: figureWidth - goal.figure.count) + goal.figure
        print("  \(goal.mark) \(subject)  \(figure)  \(goal.detail)")
    }
}

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else {
    FileHandle.standardError.write(
        Data(
            ("usage: zctour-goals [--rounds N] [--only parity,limit,ring,mallocs,startup,overheads,inspect,nginx] "
                + "[--demos a,b] [--root DIR] [--nginx PATH]\n").utf8))
    exit(2)
}
guard let root = locateRoot(options.root) else {
    FileHandle.standardError.write(Data("zctour-goals: cannot find the zctour checkout; run it from Benchmarks/ or pass --root\n".utf8))
    exit(2)
}

Interruption.install()
var goals: [Goal] = []
do {
    let fixture = try Fixture()
    fixture.removeAtExit()  // also on the exit paths that do not leave this scope first
    let sample = try fixture.sample(BenchmarkPlan.size)
    let timing = TransferTiming(fixture: fixture, sample: sample, rounds: options.rounds)
    print(
        "zctour-goals · \(describe(bytes: sample.size)) sample, warm cache · \(options.rounds) interleaved rounds per row"
            + " · demos: \(options.demos.map(\.id).joined(separator: " "))")
    let checks: [(String, () -> [Goal])] = [
        ("parity", { ParityCheck(timing: timing, demos: options.demos).run() }),
        ("limit", { LimitCheck(timing: timing, demos: options.demos).run() }),
        ("ring", { RingDepthCheck(timing: timing).run() }),
        ("mallocs", { AllocationCheck(fixture: fixture, demos: options.demos).run() }),
        (
            "startup",
            {
                StartupCheck(
                    binary: root + "/.build/release/zctour", floor: siblingExecutable("startup-floor"),
                    lessons: root + "/lessons", starts: 11
                ).run()
            }
        ),
        ("overheads", { OverheadCheck(lessons: root + "/lessons").run() }),
        (
            "inspect",
            {
                InspectOverheadCheck(
                    binary: root + "/.build/release/zctour", sample: sample.path, directory: fixture.workspace.path,
                    rounds: options.rounds
                ).run()
            }
        ),
        ("nginx", { NginxCheck(timing: timing, nginx: options.nginx ?? locateNginx(root: root)).run() }),
    ]
    for (name, check) in checks where options.only.contains(name) {
        let found = check()
        if let signal = Interruption.pending {
            fixture.workspace.remove()
            exit(128 + signal)
        }
        printReport(found)
        goals += found
    }
} catch {
    FileHandle.standardError.write(Data("zctour-goals: \(error)\n".utf8))
    exit(1)
}
let missed = goals.filter { $0.met == false }
let met = goals.filter { $0.met == true }
print("\n\(met.count) goals met, \(missed.count) missed, \(goals.count - met.count - missed.count) reported only")
exit(missed.isEmpty ? 0 : 1)
