import CUring
import Glibc
import Syscalls

/// One io_uring, as the ring demos use it: operations are prepared in waves of up to `--queue`
/// chunks, each wave is handed to the kernel and waited for in one io_uring_enter, and every
/// completion is reaped and checked. Waiting for the whole wave makes the number of enters exact
/// (⌈chunks / queue⌉) and keeps each buffer untouched by user space until its operation is done.
///
/// One thread uses a ring: the one that measures. Set-up (io_uring_setup, the two mappings, the
/// probe, registrations) happens before the window; a wave allocates nothing, so the window sees
/// only the demo's own allocations. When something fails or Ctrl-C arrives with operations in
/// flight, the ring waits for them (at most a second) before the error goes on, because those
/// operations still own the buffers they name; see `releaseAfterDrain`.
public final class Ring {
    private var ring = zc_ring()
    /// The wave's operations by position: the result a complete transfer returns.
    private let expected: UnsafeMutableBufferPointer<Int32>
    private let completions: UnsafeMutableBufferPointer<zc_cqe>
    /// Per opcode (0...255): operations submitted, completed, failed.
    private let tally: UnsafeMutableBufferPointer<Int>
    /// The opcodes the demo asked for, in its order, for the report.
    private let used: [Opcode]
    private var prepared = 0
    /// CQEs still to come for the wave: one per operation, plus a notification per SEND_ZC.
    private var awaited = 0
    private var notifying = false
    private var failure: OperationFailed?
    private var notifications = 0
    private var copied = 0
    private var buffersRegistered = false
    /// Operations a wave may hold, as sized for the demo.
    let capacity: Int

    /// The opcodes the demos use, by the kernel's numbers (enum io_uring_op).
    enum Opcode: UInt8, CaseIterable, Sendable {
        case read = 22
        case write = 23
        case readFixed = 4
        case writeFixed = 5
        case splice = 30
        case sendZerocopy = 47

        /// The kernel's name, as the uapi header and the man page spell it after IORING_OP_.
        var name: String { zc_opcode_name(UInt32(rawValue)).map { String(cString: $0) } ?? "opcode \(rawValue)" }
    }

    /// Sets up a ring for waves of `operations` SQEs and checks with IORING_REGISTER_PROBE that
    /// the kernel supports every opcode in `needs`. Throws `Refused` with the reason.
    init(operations: Int, needs: [Opcode]) throws {
        let simulation = RingSimulation.current
        if zc_ring_init(&ring, UInt32(operations), simulation?.setupErrno ?? 0) != 0 {
            throw Refused.setupFailed(errno: Glibc.errno, simulation: simulation)
        }
        capacity = Int(ring.sq_entries)
        used = needs
        expected = .allocate(capacity: capacity)
        expected.initialize(repeating: 0)
        completions = .allocate(capacity: Int(ring.cq_entries))
        tally = .allocate(capacity: 3 * 256)
        tally.initialize(repeating: 0)
        do {
            try Ring.check(needs, on: &ring, simulation: simulation)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
        expected.deallocate()
        completions.deallocate()
        tally.deallocate()
    }

    /// The kernel supports `needs`, by its probe, or the refusal that says which it lacks.
    private static func check(_ needs: [Opcode], on ring: inout zc_ring, simulation: RingSimulation?) throws {
        var opcodes = zc_opcodes()
        guard zc_ring_probe(&ring, &opcodes) == 0 else { throw Refused.probeFailed(errno: Glibc.errno) }
        for opcode in needs where zc_opcodes_supports(&opcodes, UInt32(opcode.rawValue)) == 0 || simulation?.lacks(opcode) == true {
            throw Refused.opcodeMissing(opcode, simulation: simulation)
        }
    }

    /// Whether no operation is in flight: the buffers the ring was given are the caller's again.
    /// Once the ring is closed with some still in flight, it stays false: nobody can tell when the
    /// kernel's cancellation lets go of them.
    var idle: Bool { awaited <= 0 }

    /// Whether the rings are still mapped: after `close` nothing may read them.
    private var open: Bool { ring.live != 0 }

    /// io_uring_enter calls made so far: each is one syscall, and the only one of a wave.
    var enters: Int { Int(ring.enters) }

    /// IORING_REGISTER_BUFFERS: `count` buffers of `size` bytes, back to back from `base`, that
    /// READ_FIXED and WRITE_FIXED then name by index. The pages are pinned once, here.
    func registerBuffers(_ base: UnsafeMutableRawPointer, count: Int, size: Int) throws {
        var buffers = (0..<count).map { zc_buffer(base: base + $0 * size, length: size) }
        var result = zc_ring_register_buffers(&ring, &buffers, UInt32(count))
        if result != 0 && Glibc.errno == ENOMEM {
            // A ring closed just before gives its locked pages back a moment later (the kernel frees
            // it in a workqueue): one more try after that moment, before calling it a refusal.
            usleep(200_000)
            result = zc_ring_register_buffers(&ring, &buffers, UInt32(count))
        }
        guard result == 0 else {
            let code = Glibc.errno
            if code == ENOMEM { throw Refused.lockedMemory(bytes: count * size, buffers: (count, size)) }
            throw SystemError(.ioUringRegister, errno: code, descriptor: ring.fd)
        }
        buffersRegistered = true
    }

    /// IORING_REGISTER_FILES: operations flagged `fixedFile` then name these by index.
    func registerFiles(_ descriptors: [Int32]) throws {
        var fds = descriptors
        guard zc_ring_register_files(&ring, &fds, UInt32(fds.count)) == 0 else {
            throw SystemError(.ioUringRegister, errno: Glibc.errno, descriptor: ring.fd)
        }
    }

    // MARK: one wave

    /// What a chunk's operation is to do after the ones before it in the wave.
    struct Chain: OptionSet {
        let rawValue: UInt32
        /// The next operation of the wave starts only when this one completed in full
        /// (IOSQE_IO_LINK): a write after its read, the splices through one pipe, a stream's sends.
        static let linked = Chain(rawValue: ZC_SQE_IO_LINK)
        /// The descriptor is an index into the registered files (IOSQE_FIXED_FILE).
        static let fixedFile = Chain(rawValue: ZC_SQE_FIXED_FILE)
    }

    func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int, fixedBuffer: Int? = nil, chain: Chain)
        throws
    {
        let opcode: Opcode = fixedBuffer == nil ? .read : .readFixed
        let index = try next(opcode, count: count)
        let (flags, data) = (chain.rawValue, userData(opcode, index))
        let result =
            fixedBuffer.map { zc_ring_prep_read_fixed(&ring, fd, buffer, UInt32(count), Int64(offset), UInt16($0), data, flags) }
            ?? zc_ring_prep_read(&ring, fd, buffer, UInt32(count), Int64(offset), data, flags)
        try prepared(result, opcode, cqes: 1)
    }

    /// A write of `count` bytes from `buffer`; an `offset` of -1 writes at the file's position.
    func write(_ fd: Int32, from buffer: UnsafeRawPointer, count: Int, at offset: Int, fixedBuffer: Int? = nil, chain: Chain) throws {
        let opcode: Opcode = fixedBuffer == nil ? .write : .writeFixed
        let index = try next(opcode, count: count)
        let (flags, data) = (chain.rawValue, userData(opcode, index))
        let result =
            fixedBuffer.map { zc_ring_prep_write_fixed(&ring, fd, buffer, UInt32(count), Int64(offset), UInt16($0), data, flags) }
            ?? zc_ring_prep_write(&ring, fd, buffer, UInt32(count), Int64(offset), data, flags)
        try prepared(result, opcode, cqes: 1)
    }

    /// splice(2) through the ring; -1 offsets for a pipe or socket.
    func splice(from input: Int32, at inputOffset: Int, to output: Int32, at outputOffset: Int, count: Int, chain: Chain) throws {
        let index = try next(.splice, count: count)
        let result = zc_ring_prep_splice(
            &ring, input, Int64(inputOffset), output, Int64(outputOffset), UInt32(count), 0, userData(.splice, index), chain.rawValue)
        try prepared(result, .splice, cqes: 1)
    }

    /// A zero-copy send of all `count` bytes (MSG_WAITALL), asking the kernel to report in the
    /// notification whether it copied after all (IORING_SEND_ZC_REPORT_USAGE).
    func sendZerocopy(_ fd: Int32, from buffer: UnsafeRawPointer, count: Int, chain: Chain) throws {
        let index = try next(.sendZerocopy, count: count)
        let result = zc_ring_prep_send_zc(
            &ring, fd, buffer, UInt32(count), UInt32(MSG_WAITALL), ZC_SEND_ZC_REPORT_USAGE, userData(.sendZerocopy, index),
            chain.rawValue)
        // A send owes two completions: its result (flagged F_MORE) and the notification.
        try prepared(result, .sendZerocopy, cqes: 2)
        notifying = true
    }

    /// Hands the wave to the kernel and waits for all of it: one io_uring_enter(to_submit: the
    /// wave, min_complete: every CQE it owes), unless a signal cuts the wait short, then as many
    /// more as it takes. Throws the first operation that failed or moved less than asked; throws
    /// `Interrupted` after Ctrl-C. Either way, nothing is left in flight when it returns, if the
    /// kernel finishes within a second.
    func complete() throws {
        do {
            while awaited > 0 {
                let wanted = UInt32(awaited)
                if notifying {
                    // A SEND_ZC without a notification to come (F_MORE unset) owes one CQE less than
                    // counted: a bounded wait lets the count catch up instead of waiting for ever.
                    try Syscall.value(.ioUringEnter, descriptor: ring.fd) {
                        let result = zc_ring_enter_timeout(&ring, wanted, Ring.notificationWait)
                        return result < 0 && Glibc.errno == ETIME ? 0 : result
                    }
                } else {
                    try Syscall.value(.ioUringEnter, descriptor: ring.fd) { zc_ring_enter(&ring, wanted) }
                }
                reap()
                if awaited > 0 { try Interruption.check() }
            }
        } catch {
            drain()
            throw error
        }
        prepared = 0
        notifying = false
        if let failure {
            self.failure = nil
            throw failure
        }
    }

    /// How long one wait for SEND_ZC's completions may last before the ring counts again.
    static let notificationWait: Int64 = 1_000_000_000

    /// Waits, at most a second, for what is still in flight after a failure or Ctrl-C, so that
    /// the buffers it names can be given back. Whatever wakes a wait (completions, the deadline, a
    /// signal), the ring reaps and looks again.
    func drain() {
        guard open else { return }
        reap()
        let deadline = Ring.now() + 1_000_000_000
        while awaited > 0 {
            let left = deadline - Ring.now()
            if left <= 0 { break }
            _ = zc_ring_enter_timeout(&ring, UInt32(awaited), left)
            reap()
        }
        prepared = 0
        notifying = false
    }

    /// Frees memory the ring's operations used, unless some are still in flight after `drain`
    /// gave up: the kernel may still write into it, so it is left allocated (leaked) instead.
    func releaseAfterDrain(_ memory: UnsafeMutableRawPointer) {
        if idle { memory.deallocate() }
    }

    /// Unregisters the buffers (so a memlock limit gets their pages back at once, not when the
    /// kernel's deferred teardown runs) and closes the ring. Safe twice.
    func close() {
        guard open else { return }
        if !idle { drain() }
        if buffersRegistered {
            _ = zc_ring_unregister_buffers(&ring)
            buffersRegistered = false
        }
        zc_ring_exit(&ring)
    }

    /// What went through the ring, counted from the completions reaped.
    func report(queue: Int) -> RingOperations {
        RingOperations(
            queue: queue, enters: enters, submitted: Int(ring.submitted),
            completed: used.reduce(0) { $0 + tally[256 + Int($1.rawValue)] },
            failed: used.reduce(0) { $0 + tally[512 + Int($1.rawValue)] },
            opcodes: used.filter { tally[Int($0.rawValue)] > 0 }.map { opcode in
                let code = Int(opcode.rawValue)
                return RingOperations.Opcode(
                    name: opcode.name, submitted: tally[code], completed: tally[256 + code], failed: tally[512 + code])
            },
            notifications: used.contains(.sendZerocopy) ? notifications : nil,
            zerocopyCopied: used.contains(.sendZerocopy) ? copied : nil)
    }

    // MARK: inside a wave

    /// The wave's next position for an operation expected to return `count`.
    private func next(_ opcode: Opcode, count: Int) throws -> Int {
        guard prepared < capacity else { throw WaveTooLarge(capacity: capacity) }
        expected[prepared] = Int32(clamping: count)
        return prepared
    }

    /// Counts an operation the shim prepared (`result` 0), which owes `cqes` completions.
    private func prepared(_ result: Int32, _ opcode: Opcode, cqes: Int) throws {
        guard result == 0 else { throw WaveTooLarge(capacity: capacity) }
        prepared += 1
        awaited += cqes
        tally[Int(opcode.rawValue)] += 1
    }

    private func userData(_ opcode: Opcode, _ index: Int) -> UInt64 { UInt64(opcode.rawValue) << 56 | UInt64(index) }

    /// Copies out every completion there is and checks it against what its operation was to do.
    private func reap() {
        guard open else { return }
        while true {
            let count = Int(zc_ring_reap(&ring, completions.baseAddress, UInt32(completions.count)))
            if count == 0 { return }
            for cqe in completions.prefix(count) { note(cqe) }
        }
    }

    private func note(_ cqe: zc_cqe) {
        let code = Int(cqe.user_data >> 56)
        let index = Int(cqe.user_data & 0xFFFF_FFFF)
        awaited -= 1
        if cqe.flags & ZC_CQE_F_NOTIF != 0 {
            // A notification's res is a bit set, not an errno (ZC_COPIED is bit 31, negative as Int32).
            notifications += 1
            if UInt32(bitPattern: cqe.res) & ZC_NOTIF_USAGE_ZC_COPIED != 0 { copied += 1 }
            return
        }
        tally[256 + code] += 1
        if code == Int(Opcode.sendZerocopy.rawValue) && cqe.flags & ZC_CQE_F_MORE == 0 { awaited -= 1 }
        let opcode = Opcode(rawValue: UInt8(code)) ?? .read
        if cqe.res < 0 {
            tally[512 + code] += 1
            let error = OperationFailed(opcode: opcode.name, position: index, errno: -cqe.res, moved: nil, asked: nil)
            // The first real failure explains the links it cancelled after it.
            if failure == nil || (failure?.errno == ECANCELED && -cqe.res != ECANCELED) { failure = error }
        } else if index < capacity, cqe.res != expected[index], failure == nil {
            failure = OperationFailed(opcode: opcode.name, position: index, errno: nil, moved: Int(cqe.res), asked: Int(expected[index]))
        }
    }

    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
