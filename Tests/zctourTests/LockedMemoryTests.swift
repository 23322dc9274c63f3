import Foundation
import Glibc
import Testing

/// MSG_ZEROCOPY against the locked-memory limit (issue 13, item 2: as an unprivileged user with
/// `ulimit -l` 8192, `run msg-zerocopy --size 16M --buffer 8M` never ended, polling for
/// completions of a send the kernel had refused with ENOBUFS). Root has CAP_IPC_LOCK, which the
/// limit does not bind, so these run as nobody (through setpriv), or skip with one line.
@Suite struct LockedMemoryTests {
    /// The words that run zctour unprivileged under a locked-memory limit of `bytes`.
    func limited(_ bytes: Int) -> [String]? {
        switch Unprivileged.prefix() {
        case .success(let prefix): return prefix + ["/usr/bin/prlimit", "--memlock=\(bytes)", Zctour.binary]
        case .failure(let skip):
            print("skipped: \(skip)")
            return nil
        }
    }

    @Test func aSendLargerThanTheLimitStopsWithOneLine() throws {
        guard let zctour = limited(8 << 20) else { return }
        let home = try Unprivileged.directory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["TMPDIR": home, "HOME": home]
        let refused = try Spawned.run(
            zctour + ["run", "msg-zerocopy", "--size", "16M", "--buffer", "8M"], environment: environment, timeout: 30)
        #expect(refused.termination == .exited(1), "it hung: \(refused.stderr)")
        #expect(
            refused.stderr
                == "zctour: msg-zerocopy: send(MSG_ZEROCOPY) of 8 MiB failed with ENOBUFS although no earlier send was waiting for its "
                + "completion: each send pins its pages against the locked-memory limit (ulimit -l, 8 MiB here), and one of 8 MiB "
                + "counts as 2,050 pages where the limit allows 2,048; use --buffer 4M or less, or raise the limit (ulimit -l)\n")
        // What the message advises works: 4 MiB and two pages fit.
        let fits = try Spawned.run(
            zctour + ["run", "msg-zerocopy", "--size", "16M", "--buffer", "4M", "--json"], environment: environment, timeout: 30)
        #expect(fits.termination == .exited(0), "\(fits.stderr)")
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: home)).isSubset(of: [".local"]), "nothing left behind")
    }

    /// compare asks the limit before a byte moves: a msg-zerocopy row whose one send cannot be
    /// pinned even with nothing else pinned is left out with the reason, and the other rows are
    /// measured (the comparison stopped whole with the send's error). 8 MiB is the kernel's
    /// default limit, and 8 MiB sends are what a learner tries after lesson 8.
    @Test func aComparisonLeavesOutSendsTheLimitCannotPin() throws {
        guard let zctour = limited(8 << 20) else { return }
        let home = try Unprivileged.directory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["TMPDIR": home, "HOME": home, "XDG_STATE_HOME": home]
        let arguments = ["compare", "sendfile", "msg-zerocopy", "--size", "16M", "--buffer", "8M", "--to", "socket", "--rounds", "3"]
        let compare = try Spawned.run(zctour + arguments + ["--json"], environment: environment, timeout: 120)
        #expect(compare.termination == .exited(0), "\(compare.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any], "\(compare.stderr)")
        #expect((document["runs"] as? [[String: Any]])?.map { $0["demo"] as? String } == ["sendfile"])
        #expect(
            (document["notes"] as? [String] ?? []).contains(
                "msg-zerocopy not run: a send of 8 MiB cannot be pinned: each send pins its pages against the locked-memory limit "
                    + "(ulimit -l, 8 MiB here), and one of 8 MiB counts as 2,050 pages where the limit allows 2,048; "
                    + "use --buffer 4M or less, or raise the limit (ulimit -l)"), "\(document["notes"] ?? "")")
        // What the note advises works: both rows are measured.
        let fits = try Spawned.run(
            zctour + arguments.map { $0 == "8M" ? "4M" : $0 } + ["--json"], environment: environment, timeout: 120)
        let measured = try #require(try JSONSerialization.jsonObject(with: Data(fits.stdout.utf8)) as? [String: Any], "\(fits.stderr)")
        #expect((measured["runs"] as? [[String: Any]])?.map { $0["demo"] as? String } == ["sendfile", "msg-zerocopy"])
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: home)).isSubset(of: [".local", "zctour"]), "nothing left behind")
    }

    /// doctor names the limit and what the demo does with it; below what the lessons send, a warning.
    @Test func doctorReportsTheLimit() throws {
        guard let roomy = limited(8 << 20), let tight = limited(64 << 10) else { return }
        let home = try Unprivileged.directory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        func memlock(_ zctour: [String]) throws -> [String: Any] {
            let result = try Spawned.run(zctour + ["doctor", "--json"], environment: ["TMPDIR": home, "HOME": home], timeout: 60)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
            let checks = try #require(document["checks"] as? [[String: Any]])
            return try #require(checks.first { $0["id"] as? String == "memlock" })
        }
        let ok = try memlock(roomy)
        #expect(ok["status"] as? String == "ok")
        #expect(
            (ok["finding"] as? String ?? "").hasPrefix(
                "ulimit -l is 8 MiB: one msg-zerocopy send may pin at most 7.99 MiB (the limit less two pages)"),
            "\(ok)")
        let warning = try memlock(tight)
        #expect(warning["status"] as? String == "warning")
        #expect((warning["meaning"] as? String ?? "").contains("any msg-zerocopy run with --buffer above 56 KiB"), "\(warning)")
    }
}
