import CYardstick
import Glibc
import Syscalls

/// io_uring's read loop. Instead of one syscall per read and one per write, the program writes
/// requests (SQEs) into a ring it shares with the kernel and makes one io_uring_enter for a whole
/// wave of them: up to `--queue` chunks, each a READ into a slot of one reused buffer linked
/// (IOSQE_IO_LINK) to the WRITE of that slot, then waits in the same call for every completion
/// (CQE). With `--queue 1` it is the read/write loop again, one chunk per syscall; with more, the
/// syscalls fall while every byte is still copied into user memory and out again: io_uring
/// saves crossings, not copies.
///
/// The kernel runs the ring's reads and writes through the file's own read_iter and write_iter,
/// not through read(2) and write(2), so /proc/<pid>/io counts none of them, and io_uring_enter is
/// not a read- or write-type call either. Writes to a file on ext4 are handed to io-wq worker
/// threads, whose storage I/O shows only in the whole process's counters.
public enum UringRead {
    static func run(_ transfer: Transfer) throws -> TransferReport { try move(transfer, registered: false) }

    /// The wave loop of uring-read, and of uring-fixed with `registered`: the slots and both
    /// files registered before the window, READ_FIXED and WRITE_FIXED naming them by index.
    static func move(_ transfer: Transfer, registered: Bool) throws -> TransferReport {
        let source = try transfer.openSource()
        defer { close(source) }
        let sink = transfer.sink
        let (size, buffer, queue) = (transfer.sample.size, transfer.buffer, transfer.queue)
        let ring = try Ring(operations: 2 * queue, needs: registered ? [.readFixed, .writeFixed] : [.read, .write])
        var fixedSlots: UnsafeMutableRawPointer?
        defer {
            ring.close()
            if let fixedSlots { ring.releaseAfterDrain(fixedSlots) }
        }
        if registered {
            let slots = UnsafeMutableRawPointer.allocate(byteCount: queue * buffer, alignment: 4096)
            fixedSlots = slots
            // Pinned by the registration anyway; touched here so that no first-touch fault lands in the window.
            slots.initializeMemory(as: UInt8.self, repeating: 0, count: queue * buffer)
            try ring.registerBuffers(slots, count: queue, size: buffer)
            try ring.registerFiles([source, sink.fd])
        }
        let files: Ring.Chain = registered ? .fixedFile : []
        let (input, output) = registered ? (Int32(0), Int32(1)) : (source, sink.fd)
        let calls = try transfer.measure {
            // Unregistered, the slots are the loop's buffer, allocated in the window as read-write's is.
            let slots = fixedSlots ?? UnsafeMutableRawPointer.allocate(byteCount: queue * buffer, alignment: 4096)
            defer { if fixedSlots == nil { ring.releaseAfterDrain(slots) } }
            try ring.waves(
                size: size, chunk: buffer, queue: queue,
                submit: { offset, count, chunk, _ in
                    let slot = slots + chunk * buffer
                    let index = registered ? chunk : nil
                    try ring.read(input, into: slot, count: count, at: offset, fixedBuffer: index, chain: files.union(.linked))
                    try ring.write(output, from: slot, count: count, at: sink.kind == .file ? offset : -1, fixedBuffer: index, chain: files)
                },
                completed: { start, chunks in
                    // Into /dev/null the slots are checksummed in file order, as read-write checksums its buffer.
                    for chunk in 0..<chunks {
                        sink.noteUserDelivery(slots + chunk * buffer, count: min(buffer, size - start - chunk * buffer))
                    }
                })
            return ring.enters
        }
        let operations = ring.report(queue: queue)
        var notes = [
            (queue == 1
                ? "waves of 1 chunk: each a \(registered ? "READ_FIXED" : "READ") into one slot of "
                : "waves of up to \(queue) chunks: each a \(registered ? "READ_FIXED" : "READ") into one of \(queue) slots of ")
                + "\(Pipe.describe(buffer)), linked (IOSQE_IO_LINK) to the \(registered ? "WRITE_FIXED" : "WRITE") of that slot, "
                + "handed over and waited for in one io_uring_enter"
        ]
        if registered {
            notes.append(
                "before the window: \(queue == 1 ? "the slot" : "the \(queue) slots") registered (IORING_REGISTER_BUFFERS, pinned once) and the file and the sink "
                    + "registered (IORING_REGISTER_FILES); the operations name them by index")
        }
        return TransferReport(calls: calls, notes: notes, ring: operations)
    }
}

extension Demo {
    public static let uringRead = Demo(
        id: "uring-read", summary: "io_uring: READ linked to WRITE, --queue N chunks per io_uring_enter, one reused buffer",
        run: .transfer(UringRead.run), options: [.size, .buffer, .to, .cold, .direct, .queue],
        defaultSink: .null,
        refusedSinks: [.socket: Demo.ringWritesNoSocket],
        blindSpot: ringBlindSpot, memory: { _, buffer in buffer }, storageByWorkers: true,
        yardstick: Yardstick(zcy_uring_read, setUp: zcy_uring_read_set_up, tearDown: zcy_uring_tear_down))

    /// What /proc cannot see of the ring's reads and writes.
    static let ringBlindSpot = BlindSpot.ioCounters(
        "the ring's READ and WRITE call the files' own read_iter and write_iter, not read(2) and write(2), "
            + "and io_uring_enter is not a read- or write-type call")

    static let ringWritesNoSocket =
        "its writes are IORING_OP_WRITE into a file or /dev/null; to a socket, use uring-splice or uring-send-zc"
}
