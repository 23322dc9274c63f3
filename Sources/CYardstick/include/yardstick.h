// The techniques of zctour's demos written as plain C loops over the same syscalls: the yardstick
// the Swift demos are held to (the benchmarks' parity goal, "within 5% of C"), and a second
// witness in the tests, which check that each loop makes the syscalls its demo makes.
// Every loop is the obvious C: no tricks the Swift demos could not also use. A loop stops at
// the first failed call, EINTR included (a signal during a benchmark ends it), and returns -1
// with errno set.
#ifndef ZCTOUR_YARDSTICK_H
#define ZCTOUR_YARDSTICK_H

#include <stddef.h>

/// Sees every byte that passes through user space, as the Swift demos checksum what they hand to
/// /dev/null; NULL when the sink checks what arrives itself (a file read back, a socket's peer).
typedef void (*zcy_consume)(void *context, const void *bytes, size_t count);

/// One run of a loop: move the whole file `in` (of `size` bytes) into `out`.
typedef struct zcy_job {
    int in;
    int out;
    /// tee's second destination, a file; -1 for the other loops.
    int copy;
    size_t size;
    /// The demo's --buffer: the chunk, or the bytes asked for per kernel-side call.
    size_t buffer;
    zcy_consume consume;
    void *context;
    /// Set by the kernel-side loops: the bytes the kernel reported moving.
    size_t moved;
    /// The io_uring loops' operations in flight per io_uring_enter (--queue); 0 for the others.
    size_t queue;
    /// What an io_uring loop's set-up made before the window (the ring, registered buffers, a
    /// pipe), for the loop and its tear-down; NULL for the others.
    void *state;
} zcy_job;

/// A loop: the transfer syscalls it made, or -1 with errno set.
typedef long (*zcy_loop)(zcy_job *job);
/// What a loop needs done to the sink before the measured window (SO_ZEROCOPY): 0 or -1.
typedef int (*zcy_prepare)(int out);
/// What an io_uring loop sets up before the window, as its Swift demo does (the ring, its
/// registrations): 0, or -1 with errno. The tear-down runs after the window, also after a failure.
typedef int (*zcy_set_up)(zcy_job *job);
typedef void (*zcy_tear_down)(zcy_job *job);

long zcy_read_write(zcy_job *job);
/// The same loop with a fresh malloc'd buffer for every chunk, of the size a Swift [UInt8] of
/// `buffer` bytes allocates (its header included).
long zcy_read_write_alloc(zcy_job *job);
/// pread(2) of the whole file into one buffer of its size, then write(2).
long zcy_pread(zcy_job *job);
/// mmap(2) of the whole file, written straight from the mapping.
long zcy_mmap(zcy_job *job);
/// mmap(2), then copied out chunk by chunk into a reused buffer and written.
long zcy_mmap_copy(zcy_job *job);
long zcy_sendfile(zcy_job *job);
/// splice(2) file → pipe → `out`; the pipe is made inside and enlarged to the chunk where the
/// kernel allows (F_SETPIPE_SZ), as the Swift demo does.
long zcy_splice(zcy_job *job);
/// Each chunk spliced file → pipe, teed into a second pipe, spliced from the second pipe into
/// `copy` and from the first into `out`.
long zcy_tee(zcy_job *job);
long zcy_copy_file_range(zcy_job *job);
/// send(2) with MSG_ZEROCOPY from a mapping of the file, reading completions from the error queue
/// as they come (waiting for them on ENOBUFS and at the end: the pages stay mapped until then).
/// -2 when a send was never reported complete.
long zcy_msg_zerocopy(zcy_job *job);
/// SO_ZEROCOPY on the socket, before the window, as the Swift demo sets it.
int zcy_msg_zerocopy_prepare(int out);

// The io_uring loops: waves of up to `queue` chunks, each handed over and waited for in one
// io_uring_enter, as the Swift ring demos make them (Sources/CUring). They return the enters.
/// READ into one of `queue` slots of one allocation, linked to a WRITE of that slot.
long zcy_uring_read(zcy_job *job);
int zcy_uring_read_set_up(zcy_job *job);
/// The same with the slots registered (READ_FIXED, WRITE_FIXED) and the files registered.
long zcy_uring_fixed(zcy_job *job);
int zcy_uring_fixed_set_up(zcy_job *job);
/// SPLICE file → pipe → `out`, the wave one linked chain through one pipe.
long zcy_uring_splice(zcy_job *job);
int zcy_uring_splice_set_up(zcy_job *job);
/// SEND_ZC from a mapping of the file, the wave one linked chain, its notifications awaited.
long zcy_uring_send_zc(zcy_job *job);
int zcy_uring_send_zc_set_up(zcy_job *job);
/// Closes what the set-up of any io_uring loop made.
void zcy_uring_tear_down(zcy_job *job);
/// The download handler's loop (http-loop): `size` bytes of the file read `buffer` at a time and
/// written to the socket, stopping at `size` (the Content-Length), so no end-of-file read.
/// (http-sendfile's and http-mmap's bodies are zcy_sendfile's and zcy_mmap's loops.)
long zcy_http_loop(zcy_job *job);
/// Network → file: read(2) the socket `in` into one buffer and write(2) it to the file `out`,
/// to the end of the stream (the read that returns 0 included).
long zcy_recv_loop(zcy_job *job);
/// Network → file with splice(2): socket → pipe → file, a pipe sized to the chunk, to the end
/// of the stream.
long zcy_recv_splice(zcy_job *job);
/// The file in windows of `buffer` bytes: each mapped, handed to the sink, unmapped.
long zcy_mmap_window(zcy_job *job);

#endif
