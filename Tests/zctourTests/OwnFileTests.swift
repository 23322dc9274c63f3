import Foundation
import Glibc
import TestSupport
import Testing

/// `--file PATH`, end to end: the demos run on a learner's own read-only file (owned by another
/// user where root allows) and leave it byte for byte as it was, with the same times; strace,
/// which nobody here wrote, shows that every call zctour made on it only read; what cannot be
/// moved and checked, or `--cold` on a file that is not the learner's to write, is one line.
@Suite struct OwnFileTests {
    static let size = 1_000_003

    /// A scratch directory holding a read-only file of random bytes owned by nobody (as root).
    static func learnersFile() throws -> (directory: String, path: String, bytes: Data) {
        let directory = try Zctour.scratchDirectory()
        #expect(chmod(directory, 0o755) == 0)
        let path = directory + "/mine.bin"
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o444) == 0)
        if getuid() == 0 { #expect(chown(path, 65534, 65534) == 0) }
        return (directory, path, bytes)
    }

    /// Size, modification and change times (to the nanosecond), inode, mode and owner.
    static func state(_ path: String) throws -> [Int] {
        var info = stat()
        try #require(stat(path, &info) == 0)
        return [
            Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec),
            Int(info.st_ino), Int(info.st_mode), Int(info.st_uid),
        ]
    }

    /// Every file demo, into its default sink and into a file where it takes one.
    static let runs: [[String]] = {
        let demos = [
            "read-write", "read-write-alloc", "pread", "mmap", "mmap-copy", "sendfile", "splice", "tee", "copy-file-range",
            "msg-zerocopy", "foundation-copy", "foundation-data", "foundation-mapped", "foundation-if-safe", "filehandle",
        ]
        return demos.map { [$0] } + [["read-write", "--to", "file"], ["mmap", "--to", "socket"], ["filehandle", "--to", "socket"]]
    }()

    @Test func everyFileDemoRunsOnAReadOnlyFileAndLeavesItUntouched() throws {
        let (directory, path, bytes) = try Self.learnersFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try Self.state(path)
        for run in Self.runs + [["read-write", "--cold-anyway"], ["read-write", "--buffer", "4K", "--trace"]] {
            let result = try Zctour.run(["run"] + run + ["--file", path, "--json"])
            #expect(result.termination == .exited(0), "\(run): \(result.stderr)")
            let record = try #require(result.json?["run"] as? [String: Any], "\(run)")
            #expect(record["file"] as? String == path)
            #expect(record["size"] as? Int == Self.size)
            #expect(record["bytes"] as? Int == Self.size, "\(run)")
            #expect(record["verified"] as? Bool == true, "\(run)")
        }
        #expect(try Self.state(path) == before, "size, mtime, ctime, inode, mode or owner changed")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    /// Calls that only read: on the learner's file zctour may open it read-only, look at it,
    /// read or map it, and hand it to the kernel as the source of a copy.
    static let readingCalls: Set<String> = [
        "openat", "open", "newfstatat", "fstat", "statx", "stat", "lstat", "access", "faccessat", "faccessat2", "read", "pread64",
        "readv", "mmap", "fadvise64", "close", "lseek", "statfs", "fstatfs", "readlink", "getxattr", "listxattr", "fgetxattr",
        "flistxattr",
    ]
    /// Kernel copies, with the file allowed only as their source (the argument at this index).
    static let copies: [String: Int] = ["sendfile": 1, "splice": 0, "copy_file_range": 0, "tee": 0]

    /// strace -f -y shows every descriptor with its path: each line that names the learner's
    /// file must be a call that only reads, an open without a write flag, or a kernel copy from it.
    @Test func straceSeesOnlyReadsOnTheLearnersFile() throws {
        try #require(access("/usr/bin/strace", X_OK) == 0, "strace is needed: scripts/ensure-deps.sh installs it")
        let (directory, path, bytes) = try Self.learnersFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try Self.state(path)
        var lines = 0
        for run in [
            ["read-write", "--to", "file"], ["mmap"], ["sendfile"], ["splice"], ["copy-file-range"], ["foundation-copy"],
            ["foundation-mapped"], ["filehandle", "--to", "file"], ["read-write", "--cold-anyway"],
        ] {
            let log = directory + "/strace.log"
            let result = try Zctour.run(
                ["/usr/bin/strace", "-f", "-qq", "-y", "-s", "256", "-o", log, Zctour.binary, "run"] + run + ["--file", path],
                executable: "/usr/bin/strace")
            #expect(result.termination == .exited(0), "\(run): \(result.stderr)")
            // The file as a call's argument: a descriptor strace annotates with it, or the path itself.
            for line in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            where line.contains("<\(path)>") || line.contains("\"\(path)\"") {
                let call = line.split(separator: " ", maxSplits: 1).last.map { $0.drop { $0 == " " } } ?? ""
                if call.hasPrefix("execve(") { continue }  // zctour's own command line names it
                lines += 1
                if call.hasPrefix("<... ") {
                    // The end of a call another thread interrupted in strace's log: its arguments were
                    // on the first half; only its name is here (`<... openat resumed>) = 3</path>`).
                    let name = call.dropFirst(5).prefix { $0 != " " }
                    #expect(Self.readingCalls.contains(String(name)) || Self.copies[String(name)] != nil, "\(run): \(call)")
                    continue
                }
                let name = String(call.prefix { $0 != "(" })
                if name == "openat" || name == "open" {
                    for flag in ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"] {
                        #expect(!call.contains(flag), "\(run): \(call)")
                    }
                } else if let source = Self.copies[name] {
                    let arguments = call.dropFirst(name.count + 1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    for (index, argument) in arguments.prefix(4).enumerated() where argument.contains(path) {
                        #expect(index == source, "\(run): \(call)")
                    }
                } else {
                    #expect(Self.readingCalls.contains(name), "\(run): \(call)")
                }
                if name == "mmap" { #expect(!call.contains("PROT_WRITE") || call.contains("MAP_PRIVATE"), "\(run): \(call)") }
            }
        }
        #expect(lines > 0, "strace named the file in no call: the test saw nothing")
        #expect(try Self.state(path) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    /// `--cold` on a file the learner cannot write to: refused, with what it would do and how to
    /// confirm; confirmed with --cold-anyway, it runs and says what it did. Run as another user
    /// (nobody) when the tests are root, since root may write to any file.
    @Test func coldOnAFileThatIsNotYoursNeedsColdAnyway() throws {
        let (directory, path, _) = try Self.learnersFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scratch = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        #expect(chmod(scratch, 0o777) == 0)
        func run(_ arguments: [String]) throws -> Zctour.Result {
            let zctour = ["run", "read-write", "--file", path] + arguments
            guard getuid() == 0 else { return try Zctour.run(zctour, environment: ["TMPDIR": scratch]) }
            try #require(access("/usr/bin/setpriv", X_OK) == 0, "setpriv (util-linux) runs zctour as another user")
            return try Zctour.run(
                ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", Zctour.binary] + zctour,
                environment: ["TMPDIR": scratch], executable: "/usr/bin/setpriv")
        }
        let refused = try run(["--cold"])
        #expect(refused.termination == .exited(2))
        #expect(
            refused.stderr
                == "zctour: --cold on \(path) asks the kernel to drop its cached pages: harmless to its data, but every program "
                + "reading it reads from storage until it is cached again; it is not yours to write, so confirm with --cold-anyway\n")
        #expect(refused.stdout.isEmpty)
        let confirmed = try run(["--cold-anyway", "--json"])
        #expect(confirmed.termination == .exited(0), "\(confirmed.stderr)")
        let record = try #require(confirmed.json?["run"] as? [String: Any])
        #expect(record["cold"] as? Bool == true)
        #expect((record["page_cache"] as? [String: Any])?["pages"] as? Int == (Self.size + 4095) / 4096)
        #expect((record["notes"] as? [String])?.contains { $0.hasPrefix("--cold on your file: zctour only asked the kernel") } == true)
    }

    static let refusals: [(String, String)] = [
        ("/dev/zero", "zctour: --file /dev/zero is a character device: a demo needs a regular file"),
        ("/proc/cpuinfo", "zctour: --file /proc/cpuinfo is on procfs, whose files the kernel makes up as they are read"),
        ("/tmp", "zctour: --file /tmp is a directory"),
        ("/nonexistent/file", "zctour: --file /nonexistent/file: ENOENT (No such file or directory)"),
    ]

    @Test(arguments: refusals)
    func aFileThatCannotBeMovedAndCheckedIsOneLine(path: String, message: String) throws {
        let result = try Zctour.run(["run", "read-write", "--file", path])
        #expect(result.termination == .exited(2))
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func aFIFOAndAnEmptyFileAreRefusedWithoutBlocking() throws {
        let directory = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(mkfifo(directory + "/fifo", 0o600) == 0)
        #expect(FileManager.default.createFile(atPath: directory + "/empty", contents: nil))
        let fifo = try Zctour.run(["run", "read-write", "--file", directory + "/fifo"])
        #expect(fifo.termination == .exited(2))
        #expect(fifo.stderr.contains("is a FIFO (a named pipe): a demo needs a regular file"))
        let empty = try Zctour.run(["run", "mmap", "--file", directory + "/empty"])
        #expect(empty.termination == .exited(2))
        #expect(empty.stderr.contains("is empty: there is nothing to move"))
    }

    static let misplaced: [([String], String)] = [
        (
            ["run", "read-write", "--file", "/etc/hostname", "--size", "1M"],
            "zctour: --size does not apply with --file: the size is the file's"
        ),
        (["run", "copy", "--file", "/etc/hostname"], "zctour: option --file does not apply to demo 'copy': it works in memory"),
    ]

    @Test(arguments: misplaced)
    func aFileWithAnOptionThatCannotGoWithItSaysWhy(arguments: [String], message: String) throws {
        let result = try Zctour.run(arguments)
        #expect(result.termination == .exited(2))
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    /// A file whose copy would not fit in the temporary directory, or which a demo would hold
    /// whole in memory, is refused before a byte of it is read (a sparse 1 TiB file here).
    @Test func aFileTooBigForTheRunIsRefusedBeforeItIsRead() throws {
        let directory = try Zctour.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/huge.bin"
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        try #require(fd >= 0 && ftruncate(fd, 1 << 40) == 0, "a sparse 1 TiB file")
        close(fd)
        var room = statvfs()
        if statvfs("/tmp", &room) == 0, Int(room.f_bavail) * Int(room.f_frsize) < 1 << 40 {
            let disk = try Zctour.run(["run", "read-write", "--file", path, "--to", "file"], environment: ["TMPDIR": "/tmp"])
            #expect(disk.termination == .exited(2))
            #expect(disk.stderr.hasPrefix("zctour: --file \(path) (1 TiB) needs 1 TiB in /tmp"), "\(disk.stderr)")
            #expect(disk.stderr.hasSuffix("use a smaller file or set TMPDIR to a roomier directory\n"))
        }
        let memory = try Zctour.run(["run", "foundation-data", "--file", path])
        #expect(memory.termination == .exited(2))
        #expect(memory.stderr.hasSuffix("use a smaller file, or a demo that streams it\n"), "\(memory.stderr)")
    }

    /// The tracer counts the file's own reads: a 4 KiB loop over 1,000,003 bytes is 244 full
    /// reads, one short one and the read that finds the end.
    @Test func aTracedRunOnTheFileCountsItsExactReads() throws {
        let (directory, path, _) = try Self.learnersFile()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Zctour.run(["trace", "read-write", "--file", path, "--buffer", "4K", "--to", "null", "--json"])
        #expect(result.termination == .exited(0), "\(result.stderr)")
        let record = try #require(result.json?["run"] as? [String: Any])
        let syscalls = try #require(record["syscalls"] as? [String: [String: Int]])
        #expect(syscalls["read"]?["calls"] == Self.size / 4096 + 2)
        #expect(syscalls["write"]?["calls"] == Self.size / 4096 + 1)
    }
}
