// io_uring straight on the kernel interface: io_uring_setup, io_uring_enter and io_uring_register
// through syscall(2) (glibc has no wrappers, and Swift cannot call the variadic syscall), the
// rings mapped with mmap(2), the four barriers of the ring protocol in C. No liburing: the
// protocol is the lesson and fits in one file, and the set-up installs nothing more (Swift could
// call liburing's static inline io_uring_prep_* over the SQE's unions; that is not the reason).
// Prefixed `zc_`, importable by Swift as it is (plain structs, integer macros, no unions, no
// variadics); <linux/io_uring.h> stays inside uring.c, which checks with _Static_assert that
// every constant here equals the kernel's. Functions that fail return -1 with errno set, as the
// syscalls do, so Swift calls them through the syscall layer.
#ifndef ZCTOUR_CURING_H
#define ZCTOUR_CURING_H

#include <stddef.h>
#include <stdint.h>

// MARK: constants (the values of include/uapi/linux/io_uring.h, checked in uring.c)

// Opcodes the demos use (enum io_uring_op).
#define ZC_OP_READ_FIXED 4
#define ZC_OP_WRITE_FIXED 5
#define ZC_OP_READ 22
#define ZC_OP_WRITE 23
#define ZC_OP_SPLICE 30
#define ZC_OP_SEND_ZC 47

// sqe->flags (IOSQE_*).
#define ZC_SQE_FIXED_FILE 1u  // sqe->fd is an index into the registered files
#define ZC_SQE_IO_LINK 4u     // the next SQE starts only when this one completed in full

// cqe->flags (IORING_CQE_F_*).
#define ZC_CQE_F_MORE 2u   // another CQE for this request follows (SEND_ZC: its notification)
#define ZC_CQE_F_NOTIF 8u  // a SEND_ZC notification: the kernel is done with the pages

// SEND_ZC: the sqe->ioprio flag asking for a usage report, and the bit of a notification's res.
#define ZC_SEND_ZC_REPORT_USAGE 8u            // IORING_SEND_ZC_REPORT_USAGE
#define ZC_NOTIF_USAGE_ZC_COPIED 0x80000000u  // IORING_NOTIF_USAGE_ZC_COPIED

// splice: sqe->splice_flags bit saying splice_fd_in is a registered file index.
#define ZC_SPLICE_F_FD_IN_FIXED 0x80000000u

// io_uring_enter flags, for reading a trace (IORING_ENTER_*).
#define ZC_ENTER_GETEVENTS 1u
#define ZC_ENTER_EXT_ARG 8u

// MARK: the ring

/// One io_uring instance: its descriptor, the two rings and the SQE array mapped into this
/// process, and what went through it. A plain struct the caller owns; it holds no pointer to
/// itself. The pointers point into memory the kernel shares: read them only through the
/// functions below, which use the barriers the ABI requires.
typedef struct zc_ring {
    int fd;    // -1 when closed
    int live;  // 1 from a successful zc_ring_init until zc_ring_exit (a zeroed struct is 0)
    uint32_t features;
    uint32_t sq_entries;
    uint32_t cq_entries;

    // Private to uring.c.
    void *ring_map;  // the SQ ring, and with IORING_FEAT_SINGLE_MMAP the CQ ring too
    size_t ring_map_size;
    void *cq_map;  // == ring_map with IORING_FEAT_SINGLE_MMAP
    size_t cq_map_size;
    void *sqes;  // struct io_uring_sqe[sq_entries]
    size_t sqes_map_size;
    uint32_t *sq_head, *sq_tail, *sq_mask, *sq_array;
    uint32_t *cq_head, *cq_tail, *cq_mask;
    void *cqes;         // struct io_uring_cqe[cq_entries]
    uint32_t sqe_tail;  // SQEs prepared (published by zc_ring_enter)

    /// io_uring_enter calls made, whatever they returned: each is one syscall.
    uint64_t enters;
    /// SQEs the kernel consumed (the sum of io_uring_enter's results).
    uint64_t submitted;
    uint64_t reaped;
} zc_ring;

/// A completion, copied out of the CQ ring.
typedef struct zc_cqe {
    uint64_t user_data;
    int32_t res;
    uint32_t flags;
} zc_cqe;

/// One user buffer to register (struct iovec, without <sys/uio.h>).
typedef struct zc_buffer {
    void *base;
    size_t length;
} zc_buffer;

/// What IORING_REGISTER_PROBE says: the last opcode this kernel knows, and per opcode whether it
/// is supported. Read it with zc_opcodes_supports.
typedef struct zc_opcodes {
    uint32_t last_op;
    uint32_t ops_len;
    uint8_t supported[256];
} zc_opcodes;

/// io_uring_setup(entries) and the mappings. 0, or -1 with errno: ENOSYS (a kernel without
/// io_uring, or a seccomp filter that says so), EPERM (kernel.io_uring_disabled, or a seccomp
/// filter), EINVAL, ENOMEM (also when, without CAP_IPC_LOCK, RLIMIT_MEMLOCK cannot hold the ring's
/// own pages). `simulate`, when not 0, is the errno to fail with instead of calling the kernel,
/// for the tests. On failure the ring is left closed.
int zc_ring_init(zc_ring *ring, uint32_t entries, int simulate);
/// Unmaps the rings and closes the descriptor; the kernel cancels what is still in flight and
/// frees registered buffers and files later, in a workqueue (unregister first when a memlock
/// limit must be given back at once). Safe twice, and on a zeroed struct.
void zc_ring_exit(zc_ring *ring);

/// SQEs that can still be prepared before zc_ring_enter must run.
uint32_t zc_ring_sq_space(const zc_ring *ring);
/// CQEs waiting to be reaped.
uint32_t zc_ring_cq_ready(const zc_ring *ring);

// Each prep function fills the next SQE and returns 0, or -1 with errno EBUSY when the SQ ring is
// full. `fd` is an index into the registered files when `sqe_flags` has ZC_SQE_FIXED_FILE. An
// offset of -1 means the file's own position (a pipe, a socket, /dev/null).
int zc_ring_prep_read(zc_ring *ring, int32_t fd, void *buffer, uint32_t length, int64_t offset, uint64_t user_data,
                      uint32_t sqe_flags);
int zc_ring_prep_write(zc_ring *ring, int32_t fd, const void *buffer, uint32_t length, int64_t offset,
                       uint64_t user_data, uint32_t sqe_flags);
/// `buffer` must lie inside registered buffer `buffer_index`.
int zc_ring_prep_read_fixed(zc_ring *ring, int32_t fd, void *buffer, uint32_t length, int64_t offset,
                            uint16_t buffer_index, uint64_t user_data, uint32_t sqe_flags);
int zc_ring_prep_write_fixed(zc_ring *ring, int32_t fd, const void *buffer, uint32_t length, int64_t offset,
                             uint16_t buffer_index, uint64_t user_data, uint32_t sqe_flags);
/// splice(fd_in, off_in, fd_out, off_out, length, splice_flags); -1 offsets for a pipe or socket.
int zc_ring_prep_splice(zc_ring *ring, int32_t fd_in, int64_t off_in, int32_t fd_out, int64_t off_out,
                        uint32_t length, uint32_t splice_flags, uint64_t user_data, uint32_t sqe_flags);
/// send(fd, buffer, length, msg_flags) with zero copy: a CQE flagged ZC_CQE_F_MORE for the send,
/// then one flagged ZC_CQE_F_NOTIF when the pages are free again. `zc_flags` goes in sqe->ioprio.
int zc_ring_prep_send_zc(zc_ring *ring, int32_t fd, const void *buffer, uint32_t length, uint32_t msg_flags,
                         uint32_t zc_flags, uint64_t user_data, uint32_t sqe_flags);

/// Publishes the prepared SQEs (store-release of the SQ tail) and calls io_uring_enter(fd,
/// to_submit = prepared and not yet consumed, min_complete, min_complete ? GETEVENTS : 0).
/// Returns the SQEs the kernel consumed, or -1 with errno. EINTR: a signal arrived while waiting
/// and this call submitted nothing; when it did submit and the wait was then cut short, the
/// kernel returns the count instead, so compare zc_ring_cq_ready with what you wait for.
int zc_ring_enter(zc_ring *ring, uint32_t min_complete);
/// The same with a deadline (IORING_ENTER_EXT_ARG): waits at most `timeout_ns`; ETIME when the
/// time ran out first.
int zc_ring_enter_timeout(zc_ring *ring, uint32_t min_complete, int64_t timeout_ns);
/// Copies up to `capacity` CQEs out and releases their slots (store-release of the CQ head). Never
/// blocks, makes no syscall. Returns the number copied.
uint32_t zc_ring_reap(zc_ring *ring, zc_cqe *out, uint32_t capacity);

/// IORING_REGISTER_BUFFERS: pins the pages, charged to RLIMIT_MEMLOCK unless the caller has
/// CAP_IPC_LOCK (ENOMEM past it). 0 or -1 with errno.
int zc_ring_register_buffers(zc_ring *ring, const zc_buffer *buffers, uint32_t count);
int zc_ring_unregister_buffers(zc_ring *ring);
/// IORING_REGISTER_FILES: ZC_SQE_FIXED_FILE then names them by index. 0 or -1 with errno.
int zc_ring_register_files(zc_ring *ring, const int32_t *fds, uint32_t count);
/// IORING_REGISTER_PROBE. 0 or -1 with errno.
int zc_ring_probe(zc_ring *ring, zc_opcodes *out);
/// 1 when `opcode` is supported, 0 when not (or past last_op).
int zc_opcodes_supports(const zc_opcodes *opcodes, uint32_t opcode);
/// The kernel's name for an opcode ("READ_FIXED"), or NULL when this shim does not know it.
const char *zc_opcode_name(uint32_t opcode);

#endif
