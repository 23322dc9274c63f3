import Foundation
import Glibc

/// Runs a test's body in a forked child, for what must not happen in the test process: a
/// pending interruption is one flag for the whole process, and in here it would stop the demos
/// of every other test that checks it meanwhile. The child calls `ready` once it is set up and
/// `_exit`s with what `body` returns; the parent then sends it `signal`, if any, every 20 ms
/// until it exits, and returns its exit status, 128 + N after signal N, or nil if it did not
/// finish within `timeout` (it is then killed). glibc's fork leaves malloc usable in the
/// child; the bodies are kept small all the same.
enum ForkedChild {
    static func run(timeout: Double = 10, signalling signal: Int32? = nil, _ body: (_ ready: () -> Void) -> Int32) -> Int32? {
        var ready: [Int32] = [0, 0]
        guard pipe(&ready) == 0 else { return nil }
        let pid = fork()
        if pid == 0 {
            close(ready[0])
            let code = body {
                var byte: UInt8 = 1
                _ = write(ready[1], &byte, 1)
            }
            _exit(code)
        }
        close(ready[1])
        defer { close(ready[0]) }
        guard pid > 0 else { return nil }
        var watch = pollfd(fd: ready[0], events: Int16(POLLIN), revents: 0)
        _ = poll(&watch, 1, Int32(timeout * 1000))  // ready, or the child ended without saying so
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F) }
            if let signal { kill(pid, signal) }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return nil
    }
}
