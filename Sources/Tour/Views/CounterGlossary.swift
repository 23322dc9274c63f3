/// What each counter means and what it cannot see, for `explain COUNTER`.
public enum CounterGlossary {
    public static let entries: [(name: String, text: String)] = [
        (
            "syscr",
            "Read-type syscalls the thread made (/proc/thread-self/io): read, pread64, readv, preadv, sendfile and copy_file_range each count once, including the read that returns 0 at end of file. Not counted: recv/recvfrom/recvmsg, splice, tee, vmsplice, io_uring's operations (the ring calls the file's read_iter itself, io_uring/rw.c), and mmap page faults, which read no bytes through a syscall."
        ),
        (
            "syscw",
            "Write-type syscalls the thread made: write, pwrite64, writev, sendfile and copy_file_range each count once. Not counted: send/sendto/sendmsg (MSG_ZEROCOPY included), splice, vmsplice, io_uring's operations."
        ),
        (
            "rchar",
            "Bytes that read-type syscalls returned, wherever they came from (page cache, disk, socket, /dev/zero). sendfile and copy_file_range add their bytes although those never enter user space, so rchar is 'bytes handled', not 'bytes copied to you'."
        ),
        (
            "wchar",
            "Bytes that write-type syscalls accepted, /dev/null included; sendfile and copy_file_range add theirs although no user buffer was involved."
        ),
        (
            "read_bytes",
            "Bytes this thread caused to be fetched from storage. Zero on a warm page cache however much is read; run with --cold to see it. Readahead triggered by the thread counts here."
        ),
        (
            "write_bytes",
            "Bytes this thread caused to be sent to storage, counted when pages are dirtied, not when they are written back. Zero on tmpfs and for sockets."
        ),
        (
            "minflt",
            "Minor page faults: the page was in memory (page cache or fresh zero page) and only had to be mapped. A fresh buffer faults once per page when first touched; an mmap of a cached file faults far less than once per page thanks to fault-around (fault_around_bytes, 64 KiB by default) and large folios. From getrusage(RUSAGE_THREAD), the counter /proc/thread-self/stat shows."
        ),
        ("majflt", "Major page faults: the page had to be read from storage first. Appear with mmap on a cold cache."),
        (
            "voluntary_ctxt_switches",
            "Times the thread gave up the CPU to wait: a blocking read, a full socket buffer, a page being read in."
        ),
        ("nonvoluntary_ctxt_switches", "Times the scheduler took the CPU away: preemption by other work on a busy machine."),
        (
            "cpu",
            "CPU time of the thread to the nanosecond (CLOCK_THREAD_CPUTIME_ID). The user/system split comes from tick sampling and is coarse for demos shorter than a few ticks (often 4 ms); trust the total."
        ),
        (
            "allocations",
            "Calls to malloc, calloc, realloc and the aligned allocators made by the thread in the window, counted by zctour's own interposer (like Go's -benchmem allocs/op). The bytes are those requested, headers included."
        ),
        ("peak_rss", "The process's peak resident memory (VmHWM). It never goes down, so it shows the largest run so far, not this one."),
        (
            "wall",
            "Elapsed time of the measured window (CLOCK_MONOTONIC). The machine is shared: compare runs made together, as ratios, and use --repeat for a median."
        ),
        ("throughput", "Bytes verified at the destination divided by the wall time of the window."),
        (
            "limit",
            "The memcpy row of compare, sweep and choose: the same number of bytes copied with memcpy from memory into a 64 KiB buffer that stays in cache, measured in the same run. 'of limit' is a row's throughput as a share of it; a row that copies every byte cannot go far past 100%, one that moves none (sendfile or splice to /dev/null) can."
        ),
        (
            "unseen",
            "Printed instead of a zero where a /proc counter cannot see the technique: splice and tee in all four io counters, MSG_ZEROCOPY's send and recvmsg, and io_uring's operations. The calls happened; trace DEMO counts them, and sweep shows the calls the demo issued."
        ),
        (
            "ring",
            "The io_uring demos' own count of their ring (ring.NAME in a check): enters, the io_uring_enter calls, each one syscall for a whole wave of --queue operations; submitted, the entries the kernel consumed; completed and failed, the completions reaped and those with an error; one count per opcode (ring.READ, ring.SEND_ZC...); and for zero-copy sends, notifications, the IORING_CQE_F_NOTIF completions that say a send's pages are free again, and zc_copied, those flagged IORING_NOTIF_USAGE_ZC_COPIED because the kernel copied after all (always, on loopback). /proc counts none of these operations: they are unseen there."
        ),
        (
            "knee",
            "In a sweep, the smallest buffer whose throughput is within 10% of the best: past it, a bigger buffer halves the syscalls but barely changes the time."
        ),
    ]

    public static var names: [String] { entries.map(\.name) }

    static let aliases = [
        "utime": "cpu", "stime": "cpu", "cpu_ns": "cpu", "peak": "peak_rss", "rss": "peak_rss",
        "time": "wall", "wall_ns": "wall", "allocs": "allocations", "voluntary": "voluntary_ctxt_switches",
        "involuntary": "nonvoluntary_ctxt_switches", "faults": "minflt",
        "memcpy": "limit", "of-limit": "limit", "blind": "unseen",
        "enters": "ring", "io_uring": "ring", "uring": "ring", "notifications": "ring", "zc_copied": "ring",
    ]

    public static func text(for name: String) -> (String, String)? {
        let lowered = name.lowercased()
        // A check's field names the ring's counts as ring.NAME (ring.enters, ring.SEND_ZC).
        let key = lowered.hasPrefix("ring.") ? "ring" : aliases[lowered] ?? lowered
        return entries.first { $0.name == key }
    }
}
