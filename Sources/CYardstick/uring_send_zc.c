#include "uring.h"
#include <sys/mman.h>
#include <sys/socket.h>

int zcy_uring_send_zc_set_up(zcy_job *job) { return zcy_ring_open(job, (uint32_t)job->queue); }

long zcy_uring_send_zc(zcy_job *job) {
    zcy_ring *r = job->state;
    char *map = mmap(NULL, job->size, PROT_READ, MAP_PRIVATE, job->in, 0);
    if (map == MAP_FAILED) return -1;
    uint64_t enters = r->ring.enters;
    long result = 0;
    size_t offset = 0;
    while (offset < job->size && result == 0) {
        uint32_t k = 0;
        for (; k < job->queue && offset < job->size && result == 0; k++) {
            size_t left = job->size - offset;
            uint32_t count = (uint32_t)(left < job->buffer ? left : job->buffer);
            int last = k + 1 == job->queue || offset + count == job->size;
            r->expected[k] = count;
            if (zc_ring_prep_send_zc(&r->ring, job->out, map + offset, count, MSG_WAITALL, ZC_SEND_ZC_REPORT_USAGE,
                                     zcy_tag(ZC_OP_SEND_ZC, k), last ? 0 : ZC_SQE_IO_LINK))
                result = -1;
            offset += count;
        }
        // Each send owes its result and its notification; the pages are the kernel's until then.
        if (result == 0 && zcy_ring_wait(r, 2 * k, 1) != 0) result = -1;
    }
    munmap(map, job->size);
    job->moved = offset;
    return result < 0 ? -1 : (long)(r->ring.enters - enters);
}
