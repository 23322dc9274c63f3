#include "common.h"
#include <stdlib.h>

long zcy_pread(zcy_job *job) {
    size_t size = job->size;
    char *whole = aligned_alloc(4096, size ? (size + 4095) / 4096 * 4096 : 4096);
    if (!whole) return -1;
    long calls = 0;
    size_t filled = 0;
    while (filled < size) {
        ssize_t n = pread(job->in, whole + filled, size - filled, (off_t)filled);
        if (n < 0) {
            free(whole);
            return -1;
        }
        calls++;
        if (n == 0) break;
        filled += (size_t)n;
    }
    long written = zcy_deliver(job, whole, filled);
    free(whole);
    return written < 0 ? -1 : calls + written;
}
