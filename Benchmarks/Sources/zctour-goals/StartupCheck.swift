import Foundation
import Glibc
import Syscalls
import TestSupport

/// Goals on start-up, measured as a user meets them: the release `zctour` binary spawned for
/// `zctour list` (spawn to exit, under 50 ms), and started on a pseudo-terminal until its prompt
/// is on the screen (under 150 ms). Each is the median of several starts, every start with a
/// fresh state directory, so it is a first start, and NO_COLOR as the tests use. Beside each,
/// the floor: a Foundation "hello" (`startup-floor`) started the same way, alternating with
/// zctour, which is what any Swift binary that loads Foundation pays on this machine now.
struct StartupCheck {
    static let listBudget = 50_000_000.0
    static let promptBudget = 150_000_000.0

    let binary: String
    let floor: String
    let lessons: String
    let starts: Int

    func run() -> [Goal] {
        guard access(binary, X_OK) == 0, access(floor, X_OK) == 0 else {
            let reason = "no \(binary) or \(floor): `make bench` builds both"
            return [
                Goal(section: "start-up", subject: "zctour list", figure: "-", detail: reason, met: false),
                Goal(section: "start-up", subject: "prompt ready", figure: "-", detail: reason, met: false),
            ]
        }
        return [
            measure("zctour list", budget: StartupCheck.listBudget, budgetText: "50 ms", start: list),
            measure("prompt ready", budget: StartupCheck.promptBudget, budgetText: "150 ms", start: prompt),
        ]
    }

    private func measure(_ subject: String, budget: Double, budgetText: String, start: (String) throws -> Int) -> Goal {
        var times: [Int] = []
        var floorTimes: [Int] = []
        do {
            for _ in 0..<(starts + 1) {
                let state = try FreshState()
                floorTimes.append(try timeToExit(of: floor, arguments: ["floor"], state: state.path))
                times.append(try start(state.path))
            }
        } catch {
            return Goal(section: "start-up", subject: subject, figure: "-", detail: "failed: \(error)", met: false)
        }
        times.removeFirst()  // the first start loads the binary from storage
        floorTimes.removeFirst()
        let median = Double(Statistics.median(times))
        let floorMedian = Double(Statistics.median(floorTimes))
        let until = subject == "zctour list" ? "exit" : "prompt on screen"
        return Goal(
            section: "start-up", subject: subject, figure: format(median / budget),
            detail: "of the \(budgetText) budget (median of \(times.count) starts, spawn to \(until));"
                + " a Foundation hello: \(format(floorMedian / budget))",
            met: median < budget)
    }

    private func environment(state: String) -> [String] {
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = state
        env["ZCTOUR_LESSONS"] = lessons
        env["NO_COLOR"] = "1"
        env["TERM"] = "xterm"
        env["LANG"] = "C.UTF-8"
        return env.map { "\($0.key)=\($0.value)" }
    }

    /// Spawn to exit of `zctour list`, its output to /dev/null.
    private func list(state: String) throws -> Int {
        try timeToExit(of: binary, arguments: ["list"], state: state)
    }

    /// Spawn to exit of `program`, its output to /dev/null; it must exit with status 0.
    private func timeToExit(of program: String, arguments: [String], state: String) throws -> Int {
        let null = try Syscall.value(.open, path: "/dev/null") { open("/dev/null", O_RDWR | O_CLOEXEC) }
        defer { close(null) }
        let start = DispatchTime.now().uptimeNanoseconds
        let child = try ChildProcess.spawn(
            program, arguments: [program] + arguments, environment: environment(state: state), input: null, output: null,
            error: null)
        let termination = try child.wait()
        let elapsed = Int(DispatchTime.now().uptimeNanoseconds - start)
        guard termination == .exited(0) else { throw StartupFailure("\(program) \(arguments.joined(separator: " ")) \(termination)") }
        return elapsed
    }

    /// Spawn to the prompt appearing on a pseudo-terminal; then SIGTERM, which zctour handles
    /// by cleaning up and exiting.
    private func prompt(state: String) throws -> Int {
        let start = DispatchTime.now().uptimeNanoseconds
        let child = try ChildProcess.spawnOnPseudoTerminal(
            binary, arguments: [binary], environment: environment(state: state), rows: 50, columns: 120)
        let master = child.master
        defer {
            kill(child.pid, SIGKILL)
            _ = try? child.wait()
            close(master)
        }
        var screen: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while DispatchTime.now().uptimeNanoseconds - start < 10_000_000_000 {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            // EIO once the terminal's other side is gone, like the end of a file.
            guard
                let count = try? chunk.withUnsafeMutableBytes({ chunk in
                    try Syscall.value(.read, descriptor: master) { read(master, chunk.baseAddress, chunk.count) }
                }), count > 0
            else { break }
            screen += chunk[..<count]
            if StartupCheck.showsPrompt(screen) { return Int(DispatchTime.now().uptimeNanoseconds - start) }
        }
        throw StartupFailure("no prompt within 10 s; the screen showed: \(String(decoding: screen.suffix(300), as: UTF8.self))")
    }

    /// The prompt is `zctour N/M name> `, so a line that starts with "zctour " and ends in "> "
    /// is on the screen (escape sequences aside).
    static func showsPrompt(_ screen: [UInt8]) -> Bool {
        let text = String(decoding: screen, as: UTF8.self)
        guard let start = text.range(of: "zctour ", options: .backwards) else { return false }
        return text[start.upperBound...].contains("> ")
    }
}

/// A state directory of its own for one start, so every start is a first start.
final class FreshState {
    let path: String

    init() throws {
        var template = Array("\(NSTemporaryDirectory())/zctour-goals.XXXXXX".utf8CString)
        let made = try Syscall.pointer(.mkdtemp, path: NSTemporaryDirectory()) {
            template.withUnsafeMutableBufferPointer { $0.baseAddress.flatMap { mkdtemp($0) } }
        }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

struct StartupFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
