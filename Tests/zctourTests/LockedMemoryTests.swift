import Foundation
import Glibc
import Testing

/// MSG_ZEROCOPY against the locked-memory limit (issue 13, item 2: as an unprivileged user with
/// `ulimit -l` 8192, `run msg-zerocopy --size 16M --buffer 8M` never ended, polling for
/// completions of a send the kernel had refused with ENOBUFS). Root has CAP_IPC_LOCK, which the
/// limit does not bind, so these run as another user (through setpriv, a uid of each test's own), or skip with one line.
@Suite struct LockedMemoryTests {
    /// The words that run zctour as a user of the test's own under a locked-memory limit of
    /// `bytes`, and a fresh directory of that user's.
    func limited(_ bytes: Int) throws -> (zctour: [String], home: String)? {
        switch Unprivileged.user() {
        case .success(let user): return (user.prefix + ["/usr/bin/prlimit", "--memlock=\(bytes)", Zctour.binary], try user.directory())
        case .failure(let skip):
            print("skipped: \(skip)")
            return nil
        }
    }

    @Test func aSendLargerThanTheLimitStopsWithOneLine() throws {
        guard let (zctour, home) = try limited(8 << 20) else { return }
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
        guard let (zctour, home) = try limited(8 << 20) else { return }
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

    /// choose into a socket under a 64 KiB limit (a distribution's old default): the zero-copy
    /// sends whose pages the limit cannot hold (MSG_ZEROCOPY's one 64 KiB send, SEND_ZC's wave of
    /// eight) are left out, each with its line in the decision table saying why, and every other
    /// technique is measured (the whole command stopped at the SEND_ZC wave's ENOMEM).
    @Test func chooseLeavesOutTheSendsTheLimitCannotHold() throws {
        guard let (zctour, home) = try limited(64 << 10) else { return }
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["TMPDIR": home, "HOME": home, "XDG_STATE_HOME": home]
        let choose = try Spawned.run(
            zctour + ["choose", "--to", "socket", "--size", "1M", "--rounds", "3", "--json"], environment: environment, timeout: 180)
        #expect(choose.termination == .exited(0), "\(choose.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(choose.stdout.utf8)) as? [String: Any], "\(choose.stderr)")
        let demos = (document["runs"] as? [[String: Any]] ?? []).compactMap { $0["demo"] as? String }
        #expect(demos.contains("sendfile") && demos.contains("read-write"), "\(demos)")
        #expect(!demos.contains("uring-send-zc") && !demos.contains("msg-zerocopy"), "\(demos)")
        // A program finds them by name, with the reason, not only in the lines' prose.
        let refused = (document["refused"] as? [[String: Any]] ?? []).compactMap { $0["demo"] as? String }
        #expect(Set(refused) == ["msg-zerocopy", "uring-send-zc"], "\(document["refused"] ?? "none")")
        let unmeasured = (document["decisions"] as? [[String: Any]] ?? []).compactMap { decision -> String? in
            guard let measured = decision["measured"] as? String, measured.hasPrefix("not measured here: ") else { return nil }
            return "\(decision["use"] ?? ""): \(measured)"
        }
        #expect(unmeasured.count == 2, "\(unmeasured)")
        #expect(
            unmeasured.contains { $0.hasPrefix("MSG_ZEROCOPY: not measured here: a send of 64 KiB cannot be pinned: ") }, "\(unmeasured)")
        #expect(
            unmeasured.contains {
                $0.hasPrefix("io_uring: not measured here: a wave of zero-copy sends (144 pages pinned while in flight) fails with ENOMEM")
            }, "\(unmeasured)")
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: home)).isSubset(of: [".local", "zctour"]), "nothing left behind")
    }

    /// doctor names the limit and what the demo does with it; below what the lessons send, a warning.
    @Test func doctorReportsTheLimit() throws {
        guard let roomy = try limited(8 << 20), let tight = try limited(64 << 10) else { return }
        defer { for home in [roomy.home, tight.home] { try? FileManager.default.removeItem(atPath: home) } }
        func memlock(_ user: (zctour: [String], home: String)) throws -> [String: Any] {
            let (zctour, home) = user
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
