#include "uring.h"

int zcy_uring_splice_set_up(zcy_job *job) {
    if (zcy_ring_open(job, (uint32_t)(2 * job->queue)) != 0) return -1;
    zcy_ring *r = job->state;
    int capacity = zcy_make_pipe(r->pipe, job->buffer);
    if (capacity < 0) return -1;
    r->chunk = job->buffer < (size_t)capacity ? job->buffer : (size_t)capacity;
    // A chunk that does not start on a page may span one page more than it holds.
    if (r->chunk % 4096 != 0 && r->chunk > (size_t)capacity - 4096) r->chunk = (size_t)capacity - 4096;
    return 0;
}

long zcy_uring_splice(zcy_job *job) {
    zcy_ring *r = job->state;
    uint64_t enters = r->ring.enters;
    size_t offset = 0;
    while (offset < job->size) {
        uint32_t k = 0;
        for (; k < job->queue && offset < job->size; k++) {
            size_t left = job->size - offset;
            uint32_t count = (uint32_t)(left < r->chunk ? left : r->chunk);
            int last = k + 1 == job->queue || offset + count == job->size;
            r->expected[2 * k] = r->expected[2 * k + 1] = count;
            if (zc_ring_prep_splice(&r->ring, job->in, (int64_t)offset, r->pipe[1], -1, count, 0,
                                    zcy_tag(ZC_OP_SPLICE, 2 * k), ZC_SQE_IO_LINK)
                || zc_ring_prep_splice(&r->ring, r->pipe[0], -1, job->out, r->out_is_file ? (int64_t)offset : -1, count, 0,
                                       zcy_tag(ZC_OP_SPLICE, 2 * k + 1), last ? 0 : ZC_SQE_IO_LINK))
                return -1;
            offset += count;
        }
        if (zcy_ring_wait(r, 2 * k, 0) != 0) return -1;
    }
    job->moved = offset;
    return (long)(r->ring.enters - enters);
}
