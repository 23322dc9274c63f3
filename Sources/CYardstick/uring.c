#include "uring.h"
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

int zcy_ring_open(zcy_job *job, uint32_t entries) {
    zcy_ring *r = calloc(1, sizeof *r);
    if (!r) return -1;
    r->pipe[0] = r->pipe[1] = -1;
    job->state = r;
    if (zc_ring_init(&r->ring, entries, 0) != 0) return -1;
    r->expected = calloc(r->ring.sq_entries, sizeof *r->expected);
    r->cqes = calloc(r->ring.cq_entries, sizeof *r->cqes);
    if (!r->expected || !r->cqes) return -1;
    struct stat status;
    r->out_is_file = fstat(job->out, &status) == 0 && S_ISREG(status.st_mode);
    return 0;
}

void zcy_uring_tear_down(zcy_job *job) {
    zcy_ring *r = job->state;
    if (!r) return;
    if (r->slots) zc_ring_unregister_buffers(&r->ring);
    zc_ring_exit(&r->ring);
    free(r->slots);
    free(r->expected);
    free(r->cqes);
    if (r->pipe[0] >= 0) close(r->pipe[0]);
    if (r->pipe[1] >= 0) close(r->pipe[1]);
    free(r);
    job->state = NULL;
}

int zcy_ring_wait(zcy_ring *r, uint32_t awaited, int notifying) {
    int failure = 0;
    while (awaited > 0) {
        int n = notifying ? zc_ring_enter_timeout(&r->ring, awaited, 1000000000) : zc_ring_enter(&r->ring, awaited);
        if (n < 0 && !(notifying && errno == ETIME)) return -1;
        uint32_t got;
        while ((got = zc_ring_reap(&r->ring, r->cqes, r->ring.cq_entries)) > 0) {
            for (uint32_t i = 0; i < got; i++) {
                const zc_cqe *cqe = &r->cqes[i];
                awaited--;
                if (cqe->flags & ZC_CQE_F_NOTIF) continue;
                uint32_t opcode = (uint32_t)(cqe->user_data >> 56);
                if (opcode == ZC_OP_SEND_ZC && !(cqe->flags & ZC_CQE_F_MORE)) awaited--;
                if (cqe->res < 0) {
                    if (!failure) failure = -cqe->res;
                } else if ((uint32_t)cqe->res != r->expected[cqe->user_data & 0xFFFFFFFF] && !failure) {
                    failure = EIO;
                }
            }
        }
    }
    if (failure) {
        errno = failure;
        return -1;
    }
    return 0;
}
