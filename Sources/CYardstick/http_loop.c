#include "common.h"
#include <stdlib.h>

long zcy_http_loop(zcy_job *job) {
    char *chunk = aligned_alloc(64, job->buffer);
    if (!chunk) return -1;
    long calls = 0;
    for (size_t left = job->size; left > 0;) {
        ssize_t n = read(job->in, chunk, left < job->buffer ? left : job->buffer);
        if (n <= 0) {
            calls = -1;
            break;
        }
        calls++;
        long written = zcy_deliver(job, chunk, (size_t)n);
        if (written < 0) {
            calls = -1;
            break;
        }
        calls += written;
        left -= (size_t)n;
    }
    free(chunk);
    return calls;
}
