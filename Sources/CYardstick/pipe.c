#include "common.h"
#include <fcntl.h>

int zcy_make_pipe(int fds[2], size_t chunk) {
    if (pipe2(fds, O_CLOEXEC) < 0) return -1;
    size_t wanted = chunk < 4096 ? 4096 : chunk > (1 << 20) ? (1 << 20) : chunk;
    int granted = fcntl(fds[1], F_SETPIPE_SZ, (int)wanted);
    return granted > 0 ? granted : 65536;
}

long zcy_drain_pipe(int from, int out, size_t count) {
    long calls = 0;
    while (count > 0) {
        ssize_t n = splice(from, NULL, out, NULL, count, 0);
        if (n < 0) return -1;
        calls++;
        count -= (size_t)n;
    }
    return calls;
}

long zcy_splice_through_pipe(zcy_job *job, int until_end) {
    int fds[2];
    job->moved = 0;
    int capacity = zcy_make_pipe(fds, job->buffer);
    if (capacity < 0) return -1;
    size_t chunk = job->buffer < (size_t)capacity ? job->buffer : (size_t)capacity;
    long calls = 0;
    while (until_end || job->moved < job->size) {
        size_t left = job->size - job->moved;
        size_t wanted = until_end || left > chunk ? chunk : left;
        ssize_t filled = splice(job->in, NULL, fds[1], NULL, wanted, 0);
        if (filled < 0) {
            calls = -1;
            break;
        }
        calls++;
        if (filled == 0) break;
        long drained = zcy_drain_pipe(fds[0], job->out, (size_t)filled);
        if (drained < 0) {
            calls = -1;
            break;
        }
        calls += drained;
        job->moved += (size_t)filled;
    }
    close(fds[0]);
    close(fds[1]);
    return calls;
}
