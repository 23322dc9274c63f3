// What the io_uring loops share: the ring and what its set-up made, and the wait of one wave.
#ifndef ZCTOUR_YARDSTICK_URING_H
#define ZCTOUR_YARDSTICK_URING_H

#include "common.h"
#include <curing.h>
#include <stdint.h>

typedef struct zcy_ring {
    zc_ring ring;
    /// The result each operation of a wave returns when it moved everything, by position.
    uint32_t *expected;
    zc_cqe *cqes;
    /// uring-fixed: the registered slots, allocated at set-up.
    char *slots;
    /// uring-splice: the pipe and the chunk it holds.
    int pipe[2];
    size_t chunk;
    /// Whether `out` is a regular file, written at the chunk's offset (else at its position).
    int out_is_file;
} zcy_ring;

/// A ring of `entries` SQEs in job->state, and for uring-fixed the registrations: 0 or -1.
int zcy_ring_open(zcy_job *job, uint32_t entries);

/// Submits the wave and waits until its `awaited` CQEs are in (a SEND_ZC owes two), as the
/// Swift Ring does: one io_uring_enter unless a signal cuts it short. 0, or -1 with errno (a
/// failed operation's, or EIO for one that moved less than asked) once every CQE is in.
int zcy_ring_wait(zcy_ring *r, uint32_t awaited, int notifying);

/// The user_data of the wave's operation at `index`.
static inline uint64_t zcy_tag(uint32_t opcode, uint32_t index) { return (uint64_t)opcode << 56 | index; }

#endif
