// The techniques of zctour's demos written as plain C loops over the same syscalls: the yardstick
// that the Swift demos are held to ("within 5% of C"), and the memcpy limit. Benchmark-only code.
// Each loop moves a whole file from `in` to `out`, retries EINTR, and returns the number of
// transfer syscalls it made, or -1 with errno set. Where the bytes pass through user space and
// `consume` is not NULL, it sees every byte, as the Swift demos checksum what they send to
// /dev/null; NULL means the sink itself checks what arrives (a file read back, a socket peer).
#ifndef ZCTOUR_CLOOPS_H
#define ZCTOUR_CLOOPS_H

#include <stddef.h>
#include <sys/types.h>

typedef void (*zcb_consume)(void *context, const void *bytes, size_t count);

/// read(2)/write(2) through one reused buffer of `buffer` bytes.
long zcb_read_write(int in, int out, size_t buffer, zcb_consume consume, void *context);
/// The same loop with a fresh malloc'd buffer for every chunk, of the size a Swift [UInt8] of
/// `buffer` bytes allocates (its header included).
long zcb_read_write_alloc(int in, int out, size_t buffer, zcb_consume consume, void *context);
/// pread(2) of the whole file into one buffer of its size, then write(2).
long zcb_pread_whole(int in, int out, size_t size, zcb_consume consume, void *context);
/// mmap(2) of the whole file, written straight from the mapping.
long zcb_mmap_write(int in, int out, size_t size, zcb_consume consume, void *context);
/// mmap(2), then copied out chunk by chunk into a reused buffer and written.
long zcb_mmap_copy(int in, int out, size_t size, size_t buffer, zcb_consume consume, void *context);
// The kernel-side loops never see the bytes; they store how many the kernel moved in *moved.

/// sendfile(2), `per_call` bytes at most per call.
long zcb_sendfile(int in, int out, size_t size, size_t per_call, size_t *moved);
/// splice(2) file → pipe → `out`, `per_call` bytes at most per call; the pipe is made inside and
/// enlarged to `per_call` where the kernel allows (F_SETPIPE_SZ), as a splice loop would.
long zcb_splice(int in, int out, size_t size, size_t per_call, size_t *moved);
/// tee(2): each chunk spliced file → pipe, teed into a second pipe, spliced from the second
/// pipe into `copy` and from the first into `out` (one read of the file, two destinations).
long zcb_tee(int in, int out, int copy, size_t size, size_t per_call, size_t *moved);
/// send(2) with MSG_ZEROCOPY from a mapping of the file, `per_call` bytes per send, reading the
/// completions from the error queue as they come (and waiting for them on ENOBUFS and at the
/// end, as the pages must stay mapped until then). `out` is a TCP socket on which
/// `zcb_zerocopy_enable` succeeded, outside the window, as the Swift demo enables it.
long zcb_msg_zerocopy(int in, int out, size_t size, size_t per_call, size_t *moved);
int zcb_zerocopy_enable(int fd);
/// copy_file_range(2), `per_call` bytes at most per call.
long zcb_copy_file_range(int in, int out, size_t size, size_t per_call, size_t *moved);

#endif
