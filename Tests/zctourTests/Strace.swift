import Foundation
import Testing

/// strace, the witness nobody here wrote: its `-c` table, and its full log (`-f -qq -yy -s 0`),
/// every call with its result and the descriptors decorated with what they are.
enum Strace {
    static let path = "/usr/bin/strace"

    struct Call {
        let pid: Int
        let name: String
        let arguments: String
        /// nil for a call that never returned (`= ?`).
        let result: Int?
        let errno: String?
    }

    /// `strace -f -c` of a command: calls and errors by name.
    static func summary(_ command: [String], in directory: String) throws -> [String: (calls: Int, errors: Int)] {
        let log = directory + "/strace-c.txt"
        let run = try Zctour.run([path, "-f", "-c", "-o", log, "--"] + command, executable: path)
        #expect(run.termination == .exited(0), "strace -c \(command): \(run.stderr)")
        var counts: [String: (calls: Int, errors: Int)] = [:]
        for line in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 5, Double(fields[0]) != nil, fields.last != "total", let calls = Int(fields[3]) else { continue }
            counts[String(fields[fields.count - 1])] = (calls, fields.count == 6 ? Int(fields[4]) ?? 0 : 0)
        }
        return counts
    }

    /// `strace -f -qq -yy -s 0` of a command: every call, unfinished ones joined to their resumption.
    static func calls(_ command: [String], in directory: String) throws -> [Call] {
        let log = directory + "/strace-full.txt"
        let run = try Zctour.run([path, "-f", "-qq", "-yy", "-s", "0", "-o", log, "--"] + command, executable: path)
        #expect(run.termination == .exited(0), "strace \(command): \(run.stderr)")
        var calls: [Call] = []
        var pending: [Int: (name: String, arguments: String)] = [:]
        for raw in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n") {
            let line = String(raw)
            guard let space = line.firstIndex(of: " "), let pid = Int(line[..<space]) else { continue }
            let rest = String(line[line.index(after: space)...]).trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("---") || rest.hasPrefix("+++") { continue }
            if rest.hasSuffix("<unfinished ...>"), let open = rest.firstIndex(of: "(") {
                pending[pid] = (String(rest[..<open]), String(rest[rest.index(after: open)...].dropLast("<unfinished ...>".count)))
                continue
            }
            let name: String
            let arguments: String
            if rest.hasPrefix("<... "), let resumed = rest.range(of: " resumed>") {
                let resumedName = String(rest[rest.index(rest.startIndex, offsetBy: 5)..<resumed.lowerBound])
                let start = pending.removeValue(forKey: pid) ?? (resumedName, "")
                name = start.name
                arguments = start.arguments + rest[resumed.upperBound...]
            } else if let open = rest.firstIndex(of: "(") {
                name = String(rest[..<open])
                arguments = String(rest[rest.index(after: open)...])
            } else {
                continue
            }
            let (result, errno) = outcome(arguments)
            calls.append(Call(pid: pid, name: name, arguments: arguments, result: result, errno: errno))
        }
        return calls
    }

    /// The result after the last `) = ` (strace pads the `)` to a column with spaces): a number
    /// (decimal or hex) and an errno name, or nil for `?`.
    static func outcome(_ text: String) -> (Int?, String?) {
        guard let equals = text.range(of: " = ", options: .backwards),
            text[..<equals.lowerBound].trimmingCharacters(in: .whitespaces).hasSuffix(")")
        else { return (nil, nil) }
        let words = text[equals.upperBound...].split(separator: " ")
        guard let first = words.first, first != "?" else { return (nil, nil) }
        let digits = first.prefix { $0 != "<" }  // a returned descriptor is decorated too: 3</etc/passwd>
        let value = digits.hasPrefix("0x") ? Int(digits.dropFirst(2), radix: 16) : Int(digits)
        let errno = words.count > 1 && words[1].hasPrefix("E") ? String(words[1]) : nil
        return (value, errno)
    }

    // MARK: what the log says

    static let reads: Set = ["read", "pread64", "readv", "preadv", "preadv2", "recvfrom", "recvmsg"]
    static let writes: Set = ["write", "pwrite64", "writev", "pwritev", "pwritev2", "sendto", "sendmsg"]

    /// Bytes through user space per descriptor and direction: the sums of the return values of
    /// the reads and writes, keyed as `InspectTests.key` keys inspect's descriptors.
    static func bytes(_ calls: [Call]) -> [String: Int] {
        var bytes: [String: Int] = [:]
        for call in calls where (reads.contains(call.name) || writes.contains(call.name)) && call.errno == nil {
            guard let result = call.result, result > 0 else { continue }
            bytes[key(decoration(call.arguments)) + (reads.contains(call.name) ? " in" : " out"), default: 0] += result
        }
        return bytes
    }

    /// What `-yy` wrote between the first descriptor's `<` and its matching `>`.
    static func decoration(_ arguments: String) -> String {
        guard let open = arguments.firstIndex(of: "<") else { return "?" }
        var depth = 0
        var end = open
        for index in arguments[open...].indices {
            if arguments[index] == "<" { depth += 1 }
            if arguments[index] == ">" {
                depth -= 1
                if depth == 0 {
                    end = index
                    break
                }
            }
        }
        return String(arguments[arguments.index(after: open)..<end])
    }

    /// A descriptor without what changes between two runs of a command (pipe and socket
    /// inodes, ports): a path for files, the kind for the rest.
    static func key(_ described: String) -> String {
        for (prefix, kind) in [("pipe", "pipe"), ("TCP", "tcp"), ("tcp ", "tcp"), ("UNIX", "unix"), ("unix", "unix"), ("socket", "socket")]
        where described.hasPrefix(prefix) {
            return kind
        }
        var path = described.hasPrefix("tty ") ? String(described.dropFirst(4)) : described
        if let device = path.range(of: "<char ") ?? path.range(of: "<block ") { path = String(path[..<device.lowerBound]) }
        return path
    }

    /// The kernel's read/write accounting predicted from the calls (fs/read_write.c; the rule
    /// inspect's KernelIOAccounting implements, written again here from the kernel source).
    static func predictedTotals(_ calls: [Call]) -> [String: Int] {
        var totals = ["syscr": 0, "syscw": 0, "rchar": 0, "wchar": 0]
        for call in calls {
            guard let result = call.result else { continue }
            let bytes = call.errno == nil ? max(result, 0) : 0
            let early = ["EBADF", "ESPIPE"].contains(call.errno ?? "") || (call.name.hasPrefix("p") && call.errno == "EINVAL")
            var read = false
            var write = false
            switch call.name {
            case "read", "pread64": read = !early
            case "readv", "preadv", "preadv2": read = true
            case "write", "pwrite64": write = !early
            case "writev", "pwritev", "pwritev2": write = true
            case "sendfile": (read, write) = (!early && call.errno != "EINVAL", !early && call.errno != "EINVAL")
            case "copy_file_range": (read, write) = (bytes > 0, bytes > 0)
            default: break
            }
            if read {
                totals["syscr", default: 0] += 1
                totals["rchar", default: 0] += bytes
            }
            if write {
                totals["syscw", default: 0] += 1
                totals["wchar", default: 0] += bytes
            }
        }
        return totals
    }
}
