import Glibc
import Syscalls

/// A yes-or-no question for the person at the terminal, answered with a line: between two
/// prompts the terminal is in its ordinary line mode, so reading standard input a byte at a
/// time takes exactly the answer and nothing typed after it. Only where someone can answer:
/// standard input is a terminal and no script is running (a script's lines are not answers).
enum TerminalQuestion {
    static func canAsk(in context: TourContext) -> Bool {
        isatty(STDIN_FILENO) == 1 && context.script.depth == 0
    }

    /// Asks `question` (ending with `[y/N]`); true only for y or yes. End of input is a no;
    /// Ctrl-C throws `Interrupted`, as anywhere.
    static func confirm(_ question: String, in context: TourContext) throws -> Bool {
        context.say(question, newline: false)
        context.say(" ", newline: false, fitted: false)
        var answer: [UInt8] = []
        var byte: UInt8 = 0
        while answer.count < 256 {
            // A Ctrl-C that comes just before the read would not interrupt it: wait in short
            // steps, each after a look at what is pending.
            try Interruption.check()
            var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&input, 1, 100) > 0 else { continue }
            let count = try Syscall.value(.read, descriptor: STDIN_FILENO) { read(STDIN_FILENO, &byte, 1) }
            if count == 0 {
                context.say("")
                break
            }
            if byte == UInt8(ascii: "\n") { break }
            answer.append(byte)
        }
        let text = String(decoding: answer, as: UTF8.self).trimmingWhitespace().lowercased()
        return text == "y" || text == "yes"
    }
}
