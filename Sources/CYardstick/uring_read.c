#include "uring.h"
#include <stdlib.h>
#include <string.h>

int zcy_uring_read_set_up(zcy_job *job) { return zcy_ring_open(job, (uint32_t)(2 * job->queue)); }

int zcy_uring_fixed_set_up(zcy_job *job) {
    if (zcy_ring_open(job, (uint32_t)(2 * job->queue)) != 0) return -1;
    zcy_ring *r = job->state;
    size_t bytes = job->queue * job->buffer;
    if (posix_memalign((void **)&r->slots, 4096, bytes) != 0) return -1;
    memset(r->slots, 0, bytes);  // faulted in before the window, as the pinning does anyway
    zc_buffer *buffers = calloc(job->queue, sizeof *buffers);
    if (!buffers) return -1;
    for (size_t i = 0; i < job->queue; i++) buffers[i] = (zc_buffer){r->slots + i * job->buffer, job->buffer};
    int registered = zc_ring_register_buffers(&r->ring, buffers, (uint32_t)job->queue);
    free(buffers);
    if (registered != 0) {
        free(r->slots);
        r->slots = NULL;
        return -1;
    }
    int32_t files[2] = {job->in, job->out};
    return zc_ring_register_files(&r->ring, files, 2);
}

/// The loop of both: up to `queue` chunks a wave, each a READ linked to the WRITE of its slot.
static long transfer(zcy_job *job, char *slots, int fixed) {
    zcy_ring *r = job->state;
    size_t buffer = job->buffer;
    uint64_t enters = r->ring.enters;
    int in = fixed ? 0 : job->in, out = fixed ? 1 : job->out;
    uint32_t file = fixed ? ZC_SQE_FIXED_FILE : 0;
    size_t offset = 0;
    while (offset < job->size) {
        size_t start = offset;
        uint32_t k = 0;
        for (; k < job->queue && offset < job->size; k++) {
            size_t left = job->size - offset;
            uint32_t count = (uint32_t)(left < buffer ? left : buffer);
            char *slot = slots + k * buffer;
            int64_t at = r->out_is_file ? (int64_t)offset : -1;
            r->expected[2 * k] = r->expected[2 * k + 1] = count;
            int failed;
            if (fixed) {
                failed = zc_ring_prep_read_fixed(&r->ring, in, slot, count, (int64_t)offset, (uint16_t)k,
                                                 zcy_tag(ZC_OP_READ_FIXED, 2 * k), ZC_SQE_IO_LINK | file)
                      || zc_ring_prep_write_fixed(&r->ring, out, slot, count, at, (uint16_t)k,
                                                  zcy_tag(ZC_OP_WRITE_FIXED, 2 * k + 1), file);
            } else {
                failed = zc_ring_prep_read(&r->ring, in, slot, count, (int64_t)offset, zcy_tag(ZC_OP_READ, 2 * k),
                                           ZC_SQE_IO_LINK)
                      || zc_ring_prep_write(&r->ring, out, slot, count, at, zcy_tag(ZC_OP_WRITE, 2 * k + 1), 0);
            }
            if (failed) return -1;
            offset += count;
        }
        if (zcy_ring_wait(r, 2 * k, 0) != 0) return -1;
        if (job->consume) {
            for (uint32_t j = 0; j < k; j++) {
                size_t left = job->size - start;
                size_t count = left < buffer ? left : buffer;
                job->consume(job->context, slots + j * buffer, count);
                start += count;
            }
        }
    }
    return (long)(r->ring.enters - enters);
}

long zcy_uring_read(zcy_job *job) {
    char *slots;
    // One allocation for every slot, inside the window, as read-write's one buffer is.
    if (posix_memalign((void **)&slots, 4096, job->queue * job->buffer) != 0) return -1;
    long enters = transfer(job, slots, 0);
    free(slots);
    return enters;
}

long zcy_uring_fixed(zcy_job *job) {
    zcy_ring *r = job->state;
    return transfer(job, r->slots, 1);
}
