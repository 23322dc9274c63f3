#ifndef _GNU_SOURCE
#error "_GNU_SOURCE comes from Package.swift (cSettings), for syscall(2) and the io_uring numbers"
#endif
#include "curing.h"
#include <errno.h>
#include <linux/io_uring.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

// MARK: what this file and curing.h assume of the kernel's ABI

_Static_assert(sizeof(struct io_uring_sqe) == 64, "an SQE is 64 bytes (without IORING_SETUP_SQE128)");
_Static_assert(sizeof(struct io_uring_cqe) == 16, "a CQE is 16 bytes (without IORING_SETUP_CQE32)");
_Static_assert(offsetof(struct io_uring_sqe, opcode) == 0, "sqe.opcode");
_Static_assert(offsetof(struct io_uring_sqe, flags) == 1, "sqe.flags");
_Static_assert(offsetof(struct io_uring_sqe, ioprio) == 2, "sqe.ioprio");
_Static_assert(offsetof(struct io_uring_sqe, fd) == 4, "sqe.fd");
_Static_assert(offsetof(struct io_uring_sqe, off) == 8, "sqe.off");
_Static_assert(offsetof(struct io_uring_sqe, addr) == 16, "sqe.addr");
_Static_assert(offsetof(struct io_uring_sqe, splice_off_in) == 16, "sqe.splice_off_in shares addr");
_Static_assert(offsetof(struct io_uring_sqe, len) == 24, "sqe.len");
_Static_assert(offsetof(struct io_uring_sqe, msg_flags) == 28, "sqe.msg_flags");
_Static_assert(offsetof(struct io_uring_sqe, splice_flags) == 28, "sqe.splice_flags shares msg_flags");
_Static_assert(offsetof(struct io_uring_sqe, user_data) == 32, "sqe.user_data");
_Static_assert(offsetof(struct io_uring_sqe, buf_index) == 40, "sqe.buf_index");
_Static_assert(offsetof(struct io_uring_sqe, splice_fd_in) == 44, "sqe.splice_fd_in");
_Static_assert(sizeof(zc_cqe) == sizeof(struct io_uring_cqe), "zc_cqe mirrors io_uring_cqe");
_Static_assert(offsetof(zc_cqe, res) == offsetof(struct io_uring_cqe, res), "zc_cqe.res");
_Static_assert(offsetof(zc_cqe, flags) == offsetof(struct io_uring_cqe, flags), "zc_cqe.flags");
_Static_assert(sizeof(zc_buffer) == sizeof(struct iovec) && offsetof(zc_buffer, length) == offsetof(struct iovec, iov_len),
               "zc_buffer is handed to the kernel as struct iovec");
_Static_assert(sizeof(__u32) == sizeof(uint32_t) && _Alignof(__u32) == _Alignof(uint32_t),
               "ring indices are 32-bit and naturally aligned, so 32-bit atomics on them are lock-free");
#if !defined(__GCC_ATOMIC_INT_LOCK_FREE) || __GCC_ATOMIC_INT_LOCK_FREE != 2
#error "the ring indices need lock-free 32-bit atomics"
#endif

_Static_assert(ZC_OP_READ_FIXED == IORING_OP_READ_FIXED, "opcode");
_Static_assert(ZC_OP_WRITE_FIXED == IORING_OP_WRITE_FIXED, "opcode");
_Static_assert(ZC_OP_READ == IORING_OP_READ, "opcode");
_Static_assert(ZC_OP_WRITE == IORING_OP_WRITE, "opcode");
_Static_assert(ZC_OP_SPLICE == IORING_OP_SPLICE, "opcode");
_Static_assert(ZC_OP_SEND_ZC == IORING_OP_SEND_ZC, "opcode");
_Static_assert(ZC_SQE_FIXED_FILE == IOSQE_FIXED_FILE, "sqe flag");
_Static_assert(ZC_SQE_IO_LINK == IOSQE_IO_LINK, "sqe flag");
_Static_assert(ZC_CQE_F_MORE == IORING_CQE_F_MORE, "cqe flag");
_Static_assert(ZC_CQE_F_NOTIF == IORING_CQE_F_NOTIF, "cqe flag");
_Static_assert(ZC_SEND_ZC_REPORT_USAGE == IORING_SEND_ZC_REPORT_USAGE, "send_zc flag");
_Static_assert(ZC_NOTIF_USAGE_ZC_COPIED == IORING_NOTIF_USAGE_ZC_COPIED, "notification usage bit");
_Static_assert(ZC_SPLICE_F_FD_IN_FIXED == SPLICE_F_FD_IN_FIXED, "splice flag");
_Static_assert(ZC_ENTER_GETEVENTS == IORING_ENTER_GETEVENTS, "enter flag");
_Static_assert(ZC_ENTER_EXT_ARG == IORING_ENTER_EXT_ARG, "enter flag");
_Static_assert(sizeof(struct io_uring_getevents_arg) == 24, "EXT_ARG's argument: sigmask, sigmask_sz, pad, ts");
_Static_assert(sizeof(((zc_opcodes *)0)->supported) == 256, "an opcode is a __u8: at most 256");

// MARK: the three syscalls

static int sys_setup(unsigned entries, struct io_uring_params *params) {
    return (int)syscall(__NR_io_uring_setup, entries, params);
}

static int sys_enter(int fd, unsigned to_submit, unsigned min_complete, unsigned flags, const void *arg, size_t size) {
    return (int)syscall(__NR_io_uring_enter, fd, to_submit, min_complete, flags, arg, size);
}

static int sys_register(int fd, unsigned opcode, const void *arg, unsigned count) {
    return (int)syscall(__NR_io_uring_register, fd, opcode, arg, count);
}

// MARK: set-up and teardown

static void *at(void *map, uint32_t offset) { return (char *)map + offset; }

int zc_ring_init(zc_ring *ring, uint32_t entries, int simulate) {
    memset(ring, 0, sizeof *ring);
    ring->fd = -1;
    if (simulate) {
        errno = simulate;
        return -1;
    }
    struct io_uring_params params;
    memset(&params, 0, sizeof params);
    int fd = sys_setup(entries, &params);
    if (fd < 0) return -1;
    ring->fd = fd;
    ring->live = 1;
    ring->features = params.features;
    ring->sq_entries = params.sq_entries;
    ring->cq_entries = params.cq_entries;

    size_t sq_size = params.sq_off.array + params.sq_entries * sizeof(uint32_t);
    size_t cq_size = params.cq_off.cqes + params.cq_entries * sizeof(struct io_uring_cqe);
    int single = (params.features & IORING_FEAT_SINGLE_MMAP) != 0;
    if (single && cq_size > sq_size) sq_size = cq_size;
    // MAP_POPULATE: every operation touches the rings; their faults belong to the set-up.
    void *sq = mmap(NULL, sq_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
    if (sq == MAP_FAILED) goto fail;
    ring->ring_map = sq;
    ring->ring_map_size = sq_size;
    if (single) {
        ring->cq_map = sq;
        ring->cq_map_size = sq_size;
    } else {
        void *cq = mmap(NULL, cq_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
        if (cq == MAP_FAILED) goto fail;
        ring->cq_map = cq;
        ring->cq_map_size = cq_size;
    }
    size_t sqes_size = params.sq_entries * sizeof(struct io_uring_sqe);
    void *sqes = mmap(NULL, sqes_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
    if (sqes == MAP_FAILED) goto fail;
    ring->sqes = sqes;
    ring->sqes_map_size = sqes_size;

    ring->sq_head = at(sq, params.sq_off.head);
    ring->sq_tail = at(sq, params.sq_off.tail);
    ring->sq_mask = at(sq, params.sq_off.ring_mask);
    ring->sq_array = at(sq, params.sq_off.array);
    ring->cq_head = at(ring->cq_map, params.cq_off.head);
    ring->cq_tail = at(ring->cq_map, params.cq_off.tail);
    ring->cq_mask = at(ring->cq_map, params.cq_off.ring_mask);
    ring->cqes = at(ring->cq_map, params.cq_off.cqes);
    // The SQ array maps ring slot i to SQE i, once: SQEs are then filled in ring order.
    for (uint32_t i = 0; i < params.sq_entries; i++) ring->sq_array[i] = i;
    ring->sqe_tail = *ring->sq_tail;  // 0 on a new ring: the kernel owns no SQE yet
    return 0;

fail: {
    int code = errno;
    zc_ring_exit(ring);
    errno = code;
    return -1;
}
}

void zc_ring_exit(zc_ring *ring) {
    if (!ring->live) return;
    if (ring->sqes) munmap(ring->sqes, ring->sqes_map_size);
    if (ring->cq_map && ring->cq_map != ring->ring_map) munmap(ring->cq_map, ring->cq_map_size);
    if (ring->ring_map) munmap(ring->ring_map, ring->ring_map_size);
    close(ring->fd);
    ring->sqes = ring->cq_map = ring->ring_map = NULL;
    ring->fd = -1;
    ring->live = 0;
}

// MARK: submission

static uint32_t sq_pending(const zc_ring *ring) {
    // Acquire: the kernel stores the head after it has read the SQEs it consumed.
    return ring->sqe_tail - __atomic_load_n(ring->sq_head, __ATOMIC_ACQUIRE);
}

uint32_t zc_ring_sq_space(const zc_ring *ring) { return ring->sq_entries - sq_pending(ring); }

static struct io_uring_sqe *prep(zc_ring *ring, uint8_t opcode, int32_t fd, uint64_t addr, uint32_t length,
                                 uint64_t offset, uint64_t user_data, uint32_t sqe_flags) {
    if (zc_ring_sq_space(ring) == 0) {
        errno = EBUSY;
        return NULL;
    }
    struct io_uring_sqe *sqe = (struct io_uring_sqe *)ring->sqes + (ring->sqe_tail & *ring->sq_mask);
    memset(sqe, 0, sizeof *sqe);
    sqe->opcode = opcode;
    sqe->flags = (uint8_t)sqe_flags;
    sqe->fd = fd;
    sqe->addr = addr;
    sqe->len = length;
    sqe->off = offset;
    sqe->user_data = user_data;
    ring->sqe_tail++;
    return sqe;
}

int zc_ring_prep_read(zc_ring *ring, int32_t fd, void *buffer, uint32_t length, int64_t offset, uint64_t user_data,
                      uint32_t sqe_flags) {
    return prep(ring, IORING_OP_READ, fd, (uint64_t)(uintptr_t)buffer, length, (uint64_t)offset, user_data, sqe_flags)
        ? 0 : -1;
}

int zc_ring_prep_write(zc_ring *ring, int32_t fd, const void *buffer, uint32_t length, int64_t offset,
                       uint64_t user_data, uint32_t sqe_flags) {
    return prep(ring, IORING_OP_WRITE, fd, (uint64_t)(uintptr_t)buffer, length, (uint64_t)offset, user_data, sqe_flags)
        ? 0 : -1;
}

int zc_ring_prep_read_fixed(zc_ring *ring, int32_t fd, void *buffer, uint32_t length, int64_t offset,
                            uint16_t buffer_index, uint64_t user_data, uint32_t sqe_flags) {
    struct io_uring_sqe *sqe = prep(ring, IORING_OP_READ_FIXED, fd, (uint64_t)(uintptr_t)buffer, length,
                                    (uint64_t)offset, user_data, sqe_flags);
    if (!sqe) return -1;
    sqe->buf_index = buffer_index;
    return 0;
}

int zc_ring_prep_write_fixed(zc_ring *ring, int32_t fd, const void *buffer, uint32_t length, int64_t offset,
                             uint16_t buffer_index, uint64_t user_data, uint32_t sqe_flags) {
    struct io_uring_sqe *sqe = prep(ring, IORING_OP_WRITE_FIXED, fd, (uint64_t)(uintptr_t)buffer, length,
                                    (uint64_t)offset, user_data, sqe_flags);
    if (!sqe) return -1;
    sqe->buf_index = buffer_index;
    return 0;
}

int zc_ring_prep_splice(zc_ring *ring, int32_t fd_in, int64_t off_in, int32_t fd_out, int64_t off_out,
                        uint32_t length, uint32_t splice_flags, uint64_t user_data, uint32_t sqe_flags) {
    // sqe->fd is the output, sqe->off its offset; splice_off_in (addr) the input's; (u64)-1 is "none".
    struct io_uring_sqe *sqe =
        prep(ring, IORING_OP_SPLICE, fd_out, (uint64_t)off_in, length, (uint64_t)off_out, user_data, sqe_flags);
    if (!sqe) return -1;
    sqe->splice_fd_in = fd_in;
    sqe->splice_flags = splice_flags;
    return 0;
}

int zc_ring_prep_send_zc(zc_ring *ring, int32_t fd, const void *buffer, uint32_t length, uint32_t msg_flags,
                         uint32_t zc_flags, uint64_t user_data, uint32_t sqe_flags) {
    struct io_uring_sqe *sqe =
        prep(ring, IORING_OP_SEND_ZC, fd, (uint64_t)(uintptr_t)buffer, length, 0, user_data, sqe_flags);
    if (!sqe) return -1;
    sqe->msg_flags = msg_flags;
    sqe->ioprio = (uint16_t)zc_flags;  // io_uring/net.c io_send_zc_prep reads its flags from sqe->ioprio
    return 0;
}

static int enter(zc_ring *ring, uint32_t min_complete, const struct io_uring_getevents_arg *arg) {
    // Release: every SQE written above is visible to the kernel before the tail that hands it over.
    __atomic_store_n(ring->sq_tail, ring->sqe_tail, __ATOMIC_RELEASE);
    unsigned flags = (min_complete || arg ? IORING_ENTER_GETEVENTS : 0) | (arg ? IORING_ENTER_EXT_ARG : 0);
    ring->enters++;
    int ret = sys_enter(ring->fd, sq_pending(ring), min_complete, flags, arg, arg ? sizeof *arg : 0);
    if (ret > 0) ring->submitted += (uint64_t)ret;
    return ret;
}

int zc_ring_enter(zc_ring *ring, uint32_t min_complete) { return enter(ring, min_complete, NULL); }

int zc_ring_enter_timeout(zc_ring *ring, uint32_t min_complete, int64_t timeout_ns) {
    struct __kernel_timespec ts = {.tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000};
    struct io_uring_getevents_arg arg;
    memset(&arg, 0, sizeof arg);
    arg.ts = (uint64_t)(uintptr_t)&ts;
    return enter(ring, min_complete, &arg);
}

// MARK: completion

uint32_t zc_ring_cq_ready(const zc_ring *ring) {
    // Acquire: a CQE's contents are visible once the tail that covers it is.
    return __atomic_load_n(ring->cq_tail, __ATOMIC_ACQUIRE) - *ring->cq_head;
}

uint32_t zc_ring_reap(zc_ring *ring, zc_cqe *out, uint32_t capacity) {
    uint32_t head = *ring->cq_head;  // only this side writes the head
    uint32_t tail = __atomic_load_n(ring->cq_tail, __ATOMIC_ACQUIRE);
    uint32_t mask = *ring->cq_mask;
    const struct io_uring_cqe *cqes = ring->cqes;
    uint32_t count = 0;
    while (head != tail && count < capacity) {
        const struct io_uring_cqe *cqe = &cqes[head & mask];
        out[count].user_data = cqe->user_data;
        out[count].res = cqe->res;
        out[count].flags = cqe->flags;
        count++;
        head++;
    }
    // Release: the reads of those CQEs finish before the kernel may reuse their slots.
    __atomic_store_n(ring->cq_head, head, __ATOMIC_RELEASE);
    ring->reaped += count;
    return count;
}

// MARK: registration

int zc_ring_register_buffers(zc_ring *ring, const zc_buffer *buffers, uint32_t count) {
    return sys_register(ring->fd, IORING_REGISTER_BUFFERS, buffers, count) < 0 ? -1 : 0;
}

int zc_ring_unregister_buffers(zc_ring *ring) {
    return sys_register(ring->fd, IORING_UNREGISTER_BUFFERS, NULL, 0) < 0 ? -1 : 0;
}

int zc_ring_register_files(zc_ring *ring, const int32_t *fds, uint32_t count) {
    return sys_register(ring->fd, IORING_REGISTER_FILES, fds, count) < 0 ? -1 : 0;
}

int zc_ring_probe(zc_ring *ring, zc_opcodes *out) {
    enum { slots = 256 };
    size_t size = sizeof(struct io_uring_probe) + slots * sizeof(struct io_uring_probe_op);
    struct io_uring_probe *probe = calloc(1, size);
    if (!probe) return -1;
    memset(out, 0, sizeof *out);
    if (sys_register(ring->fd, IORING_REGISTER_PROBE, probe, slots) < 0) {
        int code = errno;
        free(probe);
        errno = code;
        return -1;
    }
    out->last_op = probe->last_op;
    out->ops_len = probe->ops_len;
    for (uint32_t i = 0; i < probe->ops_len && i < slots; i++) {
        out->supported[probe->ops[i].op] = (probe->ops[i].flags & IO_URING_OP_SUPPORTED) ? 1 : 0;
    }
    free(probe);
    return 0;
}

int zc_opcodes_supports(const zc_opcodes *opcodes, uint32_t opcode) {
    return opcode < 256 && opcode <= opcodes->last_op && opcodes->supported[opcode];
}

const char *zc_opcode_name(uint32_t opcode) {
    // enum io_uring_op, in order (include/uapi/linux/io_uring.h).
    static const char *const names[] = {
        "NOP", "READV", "WRITEV", "FSYNC", "READ_FIXED", "WRITE_FIXED", "POLL_ADD", "POLL_REMOVE",
        "SYNC_FILE_RANGE", "SENDMSG", "RECVMSG", "TIMEOUT", "TIMEOUT_REMOVE", "ACCEPT", "ASYNC_CANCEL",
        "LINK_TIMEOUT", "CONNECT", "FALLOCATE", "OPENAT", "CLOSE", "FILES_UPDATE", "STATX", "READ", "WRITE",
        "FADVISE", "MADVISE", "SEND", "RECV", "OPENAT2", "EPOLL_CTL", "SPLICE", "PROVIDE_BUFFERS",
        "REMOVE_BUFFERS", "TEE", "SHUTDOWN", "RENAMEAT", "UNLINKAT", "MKDIRAT", "SYMLINKAT", "LINKAT",
        "MSG_RING", "FSETXATTR", "SETXATTR", "FGETXATTR", "GETXATTR", "SOCKET", "URING_CMD", "SEND_ZC",
        "SENDMSG_ZC",
    };
    // The names stop at the last opcode this system's header knows; later ones show by number.
    _Static_assert(sizeof names / sizeof names[0] == IORING_OP_SENDMSG_ZC + 1, "the names follow the kernel's order");
    return opcode < sizeof names / sizeof names[0] ? names[opcode] : NULL;
}
