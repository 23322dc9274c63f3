#include "common.h"
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

long zcy_mmap_copy(zcy_job *job) {
    size_t size = job->size, buffer = job->buffer;
    char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, job->in, 0);
    if (map == MAP_FAILED) return -1;
    char *chunk = aligned_alloc(64, buffer);
    long calls = chunk ? 0 : -1;
    for (size_t offset = 0; chunk && offset < size;) {
        size_t count = size - offset < buffer ? size - offset : buffer;
        memcpy(chunk, map + offset, count);
        long written = zcy_deliver(job, chunk, count);
        if (written < 0) {
            calls = -1;
            break;
        }
        calls += written;
        offset += count;
    }
    free(chunk);
    munmap(map, size);
    return calls;
}
