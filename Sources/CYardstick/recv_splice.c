#include "common.h"
#include <fcntl.h>

long zcy_recv_splice(zcy_job *job) {
    int fds[2];
    job->moved = 0;
    int capacity = zcy_make_pipe(fds, job->buffer);
    if (capacity < 0) return -1;
    size_t chunk = job->buffer < (size_t)capacity ? job->buffer : (size_t)capacity;
    long calls = 0;
    for (;;) {
        ssize_t filled = splice(job->in, NULL, fds[1], NULL, chunk, 0);
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
