import Foundation
import Glibc
import Syscalls
import ZeroCopy

/// The progress of long work, on one line of a terminal's stderr: what runs (a sample being
/// written, a demo, a sweep's run N of M, lesson N of M of an export or check-all), the bytes
/// done so far, the time, and that Ctrl-C stops it. It appears only once the work has run for
/// `delay` (a second), is redrawn four times a second and erased when the work ends, so short
/// commands look as they always did.
///
/// It never disturbs what is measured: the measured thread only adds to a `ProgressCounter`
/// (one relaxed store per chunk); this drawer runs on a thread of its own, which reads the
/// counter and writes the line, so its syscalls, faults and allocations are counted for that
/// thread, not for the demo's (the counters are per thread). It draws only where it was
/// enabled, for a person at a terminal (`enable`), never into a pipe, a transcript or JSON,
/// and what the tour prints meanwhile (`hidden`) first erases the line, so nothing is mixed.
public final class ProgressLine: @unchecked Sendable {
    /// One for the process: it owns the last line of the terminal.
    public static let shared = ProgressLine()

    /// Seconds of work before the line appears: $ZCTOUR_PROGRESS_DELAY, else 1.
    static let delay: Double = {
        guard let text = getenv("ZCTOUR_PROGRESS_DELAY").map({ String(cString: $0) }), let value = Double(text), value >= 0
        else { return 1 }
        return value
    }()
    /// Seconds between two drawings.
    static let interval = 0.25

    /// A piece of work on the line; the outermost first (a sweep, then its run).
    public final class Task {
        let label: String
        let steps: Int?
        let counter: ProgressCounter?
        let total: Int?
        var step = 0
        var detail: String?

        init(label: String, steps: Int?, counter: ProgressCounter?, total: Int?) {
            self.label = label
            self.steps = steps
            self.counter = counter
            self.total = total
        }
    }

    private let lock = NSCondition()
    private var style: Style?
    private var tasks: [Task] = []
    private var began = 0.0
    private var drawnAt = 0.0
    private var shown = false
    private var quiet = 0
    private var drawer: Thread?

    /// Draws from now on (in `style`'s colour and marks), if stderr is a terminal: a person
    /// reads it there, while `zctour 2>FILE` at the prompt keeps the file free of the line.
    /// The caller checks that the output is not JSON.
    public func enable(style: Style) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        lock.lock()
        defer { lock.unlock() }
        self.style = style
    }

    /// Draws nothing while `body` runs (a transcript, a JSON document), as before `enable`.
    public func suspended<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        let saved = style
        style = nil
        eraseLocked()
        lock.unlock()
        defer {
            lock.lock()
            style = saved
            lock.unlock()
        }
        return try body()
    }

    /// Runs `body` as a piece of work on the line (see `begin`).
    public func track<T>(
        _ label: String, steps: Int? = nil, counter: ProgressCounter? = nil, total: Int? = nil, _ body: (Task) throws -> T
    ) rethrows -> T {
        let task = begin(label, steps: steps, counter: counter, total: total)
        defer { end(task) }
        return try body(task)
    }

    /// A piece of work starts: `steps` for work counted in steps (`advance`), `counter` and
    /// `total` for bytes. Each `begin` has its `end`; the line goes when the outermost ends.
    public func begin(_ label: String, steps: Int? = nil, counter: ProgressCounter? = nil, total: Int? = nil) -> Task {
        let task = Task(label: label, steps: steps, counter: counter, total: total)
        lock.lock()
        defer { lock.unlock() }
        guard style != nil else { return task }
        if tasks.isEmpty { began = ProgressLine.now() }
        tasks.append(task)
        startDrawer()
        lock.signal()
        return task
    }

    public func end(_ task: Task) {
        lock.lock()
        defer { lock.unlock() }
        guard tasks.contains(where: { $0 === task }) else { return }
        tasks.removeAll { $0 === task }
        if tasks.isEmpty { eraseLocked() }
    }

    /// Says which step of a task runs now (1-based), and what it is.
    public func advance(_ task: Task, to step: Int, detail: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        task.step = step
        task.detail = detail
    }

    /// Runs `body`, which prints, with the line erased first, so text and line never mix; the
    /// line comes back, under the text, at its next drawing.
    public func hidden<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        eraseLocked()
        quiet += 1
        lock.unlock()
        defer {
            lock.lock()
            quiet -= 1
            lock.unlock()
        }
        return try body()
    }

    /// The line for `tasks` after `elapsed` seconds, cut to `width`.
    static func text(_ tasks: [Task], elapsed: Double, width: Int, style: Style) -> String {
        var parts = tasks.map { task -> String in
            var text = task.label
            if let steps = task.steps, task.step > 0 { text += " \(task.step) of \(steps)" }
            if let detail = task.detail { text += " (\(detail))" }
            if let counter = task.counter {
                let done = ByteSize.format(counter.value)
                text += ": " + (task.total.map { "\(done) of \(ByteSize.format($0))" } ?? done)
            }
            return text
        }
        let seconds = Int(elapsed)
        parts.append(seconds < 60 ? "\(seconds) s" : String(format: "%d:%02d", seconds / 60, seconds % 60))
        parts.append("Ctrl-C stops it")
        // One column short of the edge: a line that fills the last column would wrap, and
        // could not be erased with a carriage return.
        return TextWrapper.cut(parts.joined(separator: " \(style.dot) "), width: width - 1, mark: style.unicode ? "…" : ">")
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The drawer, started on the first piece of work, with Ctrl-C, SIGTERM and SIGHUP blocked
    /// in it so that they reach the thread that does the work.
    private func startDrawer() {
        guard drawer == nil else { return }
        let thread = Thread { [self] in
            Thread.current.name = "zctour-progress"  // its name in /proc/PID/task/*/comm
            draw()
        }
        drawer = thread
        HelperThread.withStopSignalsBlocked { thread.start() }
    }

    private func draw() {
        lock.lock()
        while true {
            guard let style, !tasks.isEmpty else {
                lock.wait()
                continue
            }
            let now = ProgressLine.now()
            let due = max(began + ProgressLine.delay, drawnAt + ProgressLine.interval)
            if now < due || quiet > 0 {
                _ = lock.wait(until: Date(timeIntervalSinceNow: quiet > 0 ? ProgressLine.interval : due - now))
                continue
            }
            let line = ProgressLine.text(tasks, elapsed: now - began, width: Style.terminalWidth(of: STDERR_FILENO), style: style)
            _ = try? Syscall.writeAll(STDERR_FILENO, "\r\u{1B}[2K" + style.dim(line))
            shown = true
            drawnAt = now
        }
    }

    /// Takes the line off the screen, if it is there; the lock is held.
    private func eraseLocked() {
        guard shown else { return }
        _ = try? Syscall.writeAll(STDERR_FILENO, "\r\u{1B}[2K")
        shown = false
    }
}
