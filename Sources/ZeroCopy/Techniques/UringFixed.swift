import CYardstick

/// uring-read with what io_uring lets a program register once instead of naming on every
/// operation: the slots (IORING_REGISTER_BUFFERS, then READ_FIXED and WRITE_FIXED by buffer
/// index) and the two files (IORING_REGISTER_FILES, then IOSQE_FIXED_FILE by file index). A
/// plain READ makes the kernel import the user address on every operation, and with O_DIRECT pin
/// its pages every time; a READ_FIXED uses the pages pinned at registration. The syscalls and the
/// bytes copied are those of uring-read: what registering saves is CPU time per operation, which
/// the benchmarks measure (Benchmarks/), not a count. Registered pages are locked memory: without
/// CAP_IPC_LOCK they are charged to RLIMIT_MEMLOCK, so `--queue` × `--buffer` must fit under it.
public enum UringFixed {
    static func run(_ transfer: Transfer) throws -> TransferReport { try UringRead.move(transfer, registered: true) }
}

extension Demo {
    public static let uringFixed = Demo(
        id: "uring-fixed", summary: "uring-read with the buffers and files registered: READ_FIXED, WRITE_FIXED",
        run: .transfer(UringFixed.run), options: [.size, .buffer, .to, .cold, .direct, .queue],
        defaultSink: .null,
        refusedSinks: [.socket: Demo.ringWritesNoSocket],
        blindSpot: Demo.ringBlindSpot, memory: { _, buffer in buffer }, storageByWorkers: true,
        yardstick: Yardstick(zcy_uring_fixed, setUp: zcy_uring_fixed_set_up, tearDown: zcy_uring_tear_down))
}
