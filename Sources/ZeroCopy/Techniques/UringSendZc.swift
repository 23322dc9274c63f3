import CYardstick
import Glibc
import Syscalls

/// IORING_OP_SEND_ZC (Linux 6.0): io_uring's zero-copy send. Each send from the file's mapping
/// completes twice: a CQE with the result, flagged IORING_CQE_F_MORE, and later a notification
/// CQE (IORING_CQE_F_NOTIF) when the kernel no longer needs the pages. Asked with
/// IORING_SEND_ZC_REPORT_USAGE, the notification says whether the kernel copied after all
/// (IORING_NOTIF_USAGE_ZC_COPIED): on loopback it does, as with MSG_ZEROCOPY (lesson 8), since no
/// network card reads the pages. Unlike MSG_ZEROCOPY it needs no SO_ZEROCOPY and no error queue.
/// A wave of up to `--queue` sends is one linked chain (a stream keeps its order), and the wave
/// waits for every result and every notification, so the mapping is the process's again before
/// the next wave and the number of io_uring_enter calls is exact.
public enum UringSendZc {
    static func run(_ transfer: Transfer) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let (size, buffer, queue, sink) = (transfer.sample.size, transfer.buffer, transfer.queue, transfer.sink)
        let ring = try Ring(operations: queue, needs: [.sendZerocopy])
        defer { ring.close() }
        let calls = try transfer.measure {
            let mapping = try FileMapping.map(source, size: size, path: transfer.sample.path)
            // The pages are the kernel's until their notifications are in: unmap only then.
            defer { if ring.idle { munmap(mapping, size) } }
            try ring.waves(
                size: size, chunk: buffer, queue: queue,
                submit: { offset, count, _, last in
                    try ring.sendZerocopy(sink.fd, from: mapping + offset, count: count, chain: last ? [] : .linked)
                },
                failure: { error, sends in
                    if error.errno == EPIPE || error.errno == ECONNRESET { return sink.receiverFailure() }
                    if error.errno == ENOMEM && geteuid() != 0 {
                        return Ring.Refused.lockedMemory(bytes: sends * (buffer + 2 * 4096), buffers: nil)
                    }
                    return nil
                })
            sink.noteKernelDelivery(size)
            return ring.enters
        }
        let operations = ring.report(queue: queue)
        let sent = operations.submitted("SEND_ZC") ?? 0
        let notified = operations.notifications ?? 0
        let copied = operations.zerocopyCopied ?? 0
        var notes = [
            "\(sent) send\(sent == 1 ? "" : "s") with IORING_OP_SEND_ZC in \(queue == 1 ? "waves of 1" : "waves of up to \(queue)"), each wave one linked chain; "
                + "\(notified) notification CQE\(notified == 1 ? "" : "s") (IORING_CQE_F_NOTIF) said when the pages were free again"
        ]
        notes.append(
            copied > 0
                ? "\(copied) of \(notified) notifications flagged IORING_NOTIF_USAGE_ZC_COPIED: the kernel copied after all "
                    + "(on loopback no network card can read the pages)"
                : "no notification was flagged IORING_NOTIF_USAGE_ZC_COPIED: the pages left without a copy")
        return TransferReport(calls: calls, notes: notes, ring: operations)
    }
}

extension Demo {
    public static let uringSendZc = Demo(
        id: "uring-send-zc", summary: "io_uring: SEND_ZC over TCP from a mapping, its notification CQEs counted",
        run: .transfer(UringSendZc.run), options: [.size, .buffer, .cold, .queue],
        reasons: [
            .to: "SEND_ZC is a socket send, so the destination is always the loopback socket",
            .direct: "its sends come from a mapping of the file, not from a user buffer to align",
        ],
        defaultSink: .socket,
        blindSpot: .ioCounters("/proc/<pid>/io counts no send (SEND_ZC goes to the socket's sendmsg), nor io_uring_enter"),
        memory: { _, _ in 0 }, kernelSide: true,
        yardstick: Yardstick(zcy_uring_send_zc, setUp: zcy_uring_send_zc_set_up, tearDown: zcy_uring_tear_down))
}
