#include "common.h"
#include <stdlib.h>

long zcy_read_write(zcy_job *job) {
    char *chunk = aligned_alloc(64, job->buffer);
    if (!chunk) return -1;
    long calls = 0;
    job->moved = 0;
    for (;;) {
        ssize_t n = read(job->in, chunk, job->buffer);
        if (n < 0) {
            calls = -1;
            break;
        }
        calls++;
        if (n == 0) break;
        long written = zcy_deliver(job, chunk, (size_t)n);
        if (written < 0) {
            calls = -1;
            break;
        }
        calls += written;
        job->moved += (size_t)n;
    }
    free(chunk);
    return calls;
}
