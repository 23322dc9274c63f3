import CShims
import CYardstick
import Glibc
import Syscalls

/// MSG_ZEROCOPY (Linux 4.14+): with SO_ZEROCOPY set on a TCP socket, send(..., MSG_ZEROCOPY)
/// pins the user pages and lets the network card read them, instead of copying them into socket
/// buffers. The pages must stay untouched until the kernel says it is done: it reports finished
/// sends as ranges of ids on the socket's error queue (recvmsg with MSG_ERRQUEUE). When the data
/// cannot leave by DMA, on loopback for one, the kernel copies anyway and flags the completion
/// SO_EE_CODE_ZEROCOPY_COPIED. It pays for large sends (tens of KiB and up) to a real NIC; for
/// small ones, pinning and notifications cost more than the copy.
///
/// send and recvmsg are not counted in /proc/<pid>/io, so syscw and wchar miss them; the
/// tracer counts them.
public enum MsgZerocopy {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let out = transfer.sink.fd
        do {
            try Syscall.value(.enableZerocopy, descriptor: out) { zc_zerocopy_enable(out) }
        } catch let error as SystemError {
            throw Refused(error: error)
        }
        let source = try transfer.openSource()
        defer { close(source) }
        let size = transfer.sample.size
        let chunk = transfer.buffer
        let flag = zc_msg_zerocopy
        var completions = zc_zerocopy_completions()
        var sends = 0
        let calls = try transfer.measure {
            let mapping = try FileMapping.map(source, size: size, path: transfer.sample.path)
            // The pages are the kernel's until every send is reported complete: unmap only then.
            defer { munmap(mapping, size) }
            var sent = 0
            var calls = 0
            while sent < size {
                try Interruption.check()
                let count = min(chunk, size - sent)
                do {
                    let accepted = try Syscall.value(.sendZerocopy, descriptor: out) { Glibc.send(out, mapping + sent, count, flag) }
                    sent += accepted
                    sends += 1
                    transfer.sink.progress.add(accepted)
                } catch let error as SystemError where error.errno == ENOBUFS {
                    // Sends awaiting notification hold pinned pages and option memory: read
                    // their completions, then retry. With none outstanding (or none coming
                    // back), retrying would only loop: the send itself does not fit.
                    let outstanding = sends - Int(completions.sends_completed)
                    guard outstanding > 0 else { throw SendRefused(bytes: count, memory: .current()) }
                    let before = completions.sends_completed
                    calls += try drain(out, into: &completions, wait: true)
                    if completions.sends_completed == before { throw UnfinishedSends(outstanding: outstanding) }
                } catch let error as SystemError where error.errno == EPIPE || error.errno == ECONNRESET {
                    throw transfer.sink.receiverFailure() ?? error
                }
                calls += 1
                calls += try drain(out, into: &completions, wait: false)
            }
            while completions.sends_completed < UInt64(sends) {
                let before = completions.sends_completed
                calls += try drain(out, into: &completions, wait: true)
                if completions.sends_completed == before { throw UnfinishedSends(outstanding: sends - Int(before)) }
            }
            transfer.sink.noteKernelDelivery(sent)
            return calls
        }
        let copied = completions.sends_copied
        var notes = [
            "\(sends) sends with MSG_ZEROCOPY; the error queue reported \(completions.notifications) completion "
                + "range\(completions.notifications == 1 ? "" : "s") covering \(completions.sends_completed) sends; "
                + "\(completions.recvmsg_calls) recvmsg calls on the error queue (\(completions.recvmsg_empty) found it empty) "
                + "and \(completions.poll_calls) poll\(completions.poll_calls == 1 ? "" : "s")"
        ]
        notes.append(
            copied > 0
                ? "\(copied) of \(completions.sends_completed) sends flagged SO_EE_CODE_ZEROCOPY_COPIED: the kernel copied after all "
                    + "(the kernel always copies what is looped to a local socket, whose reader might never read it)"
                : "no completion was flagged ZEROCOPY_COPIED: the pages left without a copy")
        return TransferReport(calls: calls, notes: notes, completions: Completions(completions))
    }

    /// Reads waiting notifications; returns the syscalls it made (recvmsg and poll). A poll
    /// that a stray signal cuts short waits again; an interruption stops the demo.
    private static func drain(_ fd: Int32, into completions: inout zc_zerocopy_completions, wait: Bool) throws -> Int {
        let before = completions.recvmsg_calls + completions.poll_calls
        try Syscall.value(.readErrorQueue, descriptor: fd) { zc_zerocopy_drain(fd, &completions, wait ? 1 : 0) }
        return Int(completions.recvmsg_calls + completions.poll_calls - before)
    }

    /// What the error queue said, for the record and the tests.
    public struct Completions: Sendable, Equatable, Codable {
        public let notifications: Int
        public let sendsCompleted: Int
        public let sendsCopied: Int

        enum CodingKeys: String, CodingKey {
            case notifications
            case sendsCompleted = "sends_completed"
            case sendsCopied = "sends_copied"
        }

        init(_ raw: zc_zerocopy_completions) {
            notifications = Int(raw.notifications)
            sendsCompleted = Int(raw.sends_completed)
            sendsCopied = Int(raw.sends_copied)
        }
    }

    /// The kernel would not enable MSG_ZEROCOPY on the socket.
    public struct Refused: Error, CustomStringConvertible {
        let error: SystemError
        public var description: String {
            "this kernel refuses MSG_ZEROCOPY (\(error)); it needs Linux 4.14 or later with SO_ZEROCOPY on TCP"
        }
    }
}

extension Demo {
    public static let msgZerocopy = Demo(
        id: "msg-zerocopy", summary: "send(2) with MSG_ZEROCOPY over TCP, completions read from the error queue",
        run: .transfer(MsgZerocopy.run), options: [.size, .buffer, .cold],
        reasons: [
            .to: "MSG_ZEROCOPY is a socket send, so the destination is always the loopback socket",
            .direct: "its reads never pass through a user buffer to align",
        ],
        defaultSink: .socket,
        blindSpot: .ioCounters("/proc/<pid>/io does not count send or recvmsg, only read- and write-family calls"),
        memory: { _, _ in 0 }, kernelSide: true, yardstick: Yardstick(zcy_msg_zerocopy, prepare: zcy_msg_zerocopy_prepare))
}
