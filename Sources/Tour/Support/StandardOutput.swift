import Foundation
import Glibc
import Syscalls

/// Everything zctour prints to standard output goes through here, written with write(2)
/// through the syscall layer, so a failed write is seen: `print` drops it in a stdio buffer,
/// and a handout redirected to a full disk would end truncated with status 0. The first failure
/// is kept (later writes are not attempted) for `ZCTour.main` and the transcript runner to end
/// on: EPIPE (the reader left, as `head` does) ends quietly with 141, as a process killed by
/// SIGPIPE would; anything else is status 1 and one line on stderr.
public enum StandardOutput {
    /// Writes `text`; `forPeople` text is folded to ASCII where the locale is not UTF-8 (JSON
    /// stays UTF-8, as its readers expect).
    public static func write(_ text: String, forPeople: Bool = true) {
        guard state.failure == nil else { return }
        let shown = forPeople && !Style.localeIsUTF8() ? ASCIIText.folded(text) : text
        do {
            try Syscall.writeAll(STDOUT_FILENO, shown, path: "standard output")
        } catch let error as SystemError {
            state.failure = error
        } catch {
            // An interruption cut the write short; the command is being stopped anyway.
        }
    }

    /// The first write that failed, if one did.
    public static var failure: SystemError? { state.failure }

    /// The reader went away (EPIPE): not an error to report, only a reason to stop.
    public static var readerLeft: Bool { state.failure?.errno == EPIPE }

    /// The exit status that ends a session whose output failed: 141 (128 + SIGPIPE) for a reader
    /// that left, else 1.
    public static var failureStatus: Int32? {
        guard let failure = state.failure else { return nil }
        return failure.errno == EPIPE ? 128 + SIGPIPE : 1
    }

    /// Says, on stderr, why output stopped (nothing for EPIPE).
    public static func reportFailure() {
        guard let failure = state.failure, failure.errno != EPIPE else { return }
        StandardError.line("zctour: cannot write to standard output: \(failure.reason); the output is incomplete")
    }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: SystemError?
        var failure: SystemError? {
            get { lock.withLock { stored } }
            set { lock.withLock { if stored == nil { stored = newValue } } }
        }
    }

    private static let state = State()
}
