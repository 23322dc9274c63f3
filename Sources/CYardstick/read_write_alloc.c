#include "common.h"
#include <stdlib.h>

// What a Swift `[UInt8]` of `buffer` bytes asks malloc for: its 32-byte header (metadata,
// refcount, count, capacity) and the bytes. Asking for exactly `buffer` is not the same request:
// glibc served 64 KiB + 32 measurably slower than 64 KiB here (Swift ÷ C 1.06 with malloc(buffer)).
static const size_t swift_array_header = 32;

long zcy_read_write_alloc(zcy_job *job) {
    long calls = 0;
    for (;;) {
        char *chunk = malloc(job->buffer + swift_array_header);
        if (!chunk) return -1;
        ssize_t n = read(job->in, chunk, job->buffer);
        if (n < 0) {
            free(chunk);
            return -1;
        }
        calls++;
        if (n == 0) {
            free(chunk);
            return calls;
        }
        long written = zcy_deliver(job, chunk, (size_t)n);
        free(chunk);
        if (written < 0) return -1;
        calls += written;
    }
}
