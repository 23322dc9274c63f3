#include "common.h"
#include <sys/mman.h>

long zcy_mmap_window(zcy_job *job) {
    long calls = 0;
    for (size_t offset = 0; offset < job->size; offset += job->buffer) {
        size_t length = job->size - offset < job->buffer ? job->size - offset : job->buffer;
        void *window = mmap(NULL, length, PROT_READ, MAP_PRIVATE, job->in, (off_t)offset);
        if (window == MAP_FAILED) return -1;
        long written = zcy_deliver(job, window, length);
        munmap(window, length);
        if (written < 0) return -1;
        calls += written;
    }
    return calls;
}
