import Foundation
import Glibc

/// A value shared with one helper thread, read after it is done.
final class ThreadBox<Value>: @unchecked Sendable {
    var value: Value
    var thread = pthread_t()
    let started = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)

    init(_ value: Value) { self.value = value }

    /// Runs `body` on a new thread, which it names in `thread` before `body` starts. The
    /// thread takes `QuietSignal`: the test runner's threads block signals, and a new thread
    /// inherits that mask.
    func start(_ body: @escaping @Sendable (ThreadBox<Value>) -> Void) {
        Thread.detachNewThread { [self] in
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, QuietSignal.number)
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
            thread = pthread_self()
            started.signal()
            body(self)
            finished.signal()
        }
        started.wait()
    }
}
