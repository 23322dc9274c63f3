// What the loops share, kept inline so that each loop compiles to the plain C it stands for.
#ifndef ZCTOUR_YARDSTICK_COMMON_H
#define ZCTOUR_YARDSTICK_COMMON_H

#ifndef _GNU_SOURCE
#error "_GNU_SOURCE comes from Package.swift (cSettings), for splice, tee and copy_file_range"
#endif

#include "yardstick.h"
#include <sys/types.h>
#include <unistd.h>

/// write(2) until all `count` bytes are out: the write calls it took, or -1.
static inline long zcy_write_all(int out, const char *bytes, size_t count) {
    long calls = 0;
    for (size_t done = 0; done < count;) {
        ssize_t n = write(out, bytes + done, count - done);
        if (n < 0) return -1;
        calls++;
        done += (size_t)n;
    }
    return calls;
}

/// Hands bytes that passed through user space on: to the consumer first, then to the sink.
static inline long zcy_deliver(const zcy_job *job, const char *bytes, size_t count) {
    if (job->consume) job->consume(job->context, bytes, count);
    return zcy_write_all(job->out, bytes, count);
}

/// The loop of a call that moves bytes inside the kernel, as ZeroCopy's Transfer.kernelLoop: up
/// to `buffer` bytes of what is left per call, until all moved or a call moves none.
static inline long zcy_kernel_loop(zcy_job *job, ssize_t (*call)(int in, int out, size_t count)) {
    long calls = 0;
    size_t done = 0;
    while (done < job->size) {
        size_t left = job->size - done;
        ssize_t n = call(job->in, job->out, left < job->buffer ? left : job->buffer);
        if (n < 0) return -1;
        calls++;
        if (n == 0) break;
        done += (size_t)n;
    }
    job->moved = done;
    return calls;
}

/// A pipe sized as zctour's splice demos size theirs: the chunk, between a page and 1 MiB
/// (Splice.largestPipe). Returns its capacity, or -1.
int zcy_make_pipe(int fds[2], size_t chunk);

/// Splices `count` bytes out of pipe end `from` into `out`: the calls it took, or -1.
long zcy_drain_pipe(int from, int out, size_t count);

/// job->in → pipe → job->out, a chunk (the buffer, at most the pipe's capacity) per splice
/// into the pipe, each drained at once: job->size bytes of a file, or with `until_end` until
/// the source (a socket) ends, that last splice returning 0 counted. The calls, or -1.
long zcy_splice_through_pipe(zcy_job *job, int until_end);

#endif
