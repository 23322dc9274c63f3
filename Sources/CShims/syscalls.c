#ifndef _GNU_SOURCE
#error CShims is built with _GNU_SOURCE (Package.swift cSettings): splice, tee, copy_file_range, pipe2, F_SETPIPE_SZ, O_DIRECT and statx need it
#endif

#include "cshims.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <linux/fiemap.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

// The header speaks int64_t, which Swift imports as Int64, where glibc speaks loff_t; the casts
// below are sound only while the two are the same width, signedness and alignment.
_Static_assert(sizeof(int64_t) == sizeof(loff_t), "int64_t and loff_t differ in size");
_Static_assert(_Alignof(int64_t) == _Alignof(loff_t), "int64_t and loff_t differ in alignment");
_Static_assert((loff_t)-1 < 0, "loff_t is unsigned");

const int zc_o_direct = O_DIRECT;
const int zc_msg_zerocopy = MSG_ZEROCOPY;

ssize_t zc_splice(int fd_in, int64_t *off_in, int fd_out, int64_t *off_out, size_t len, unsigned int flags) {
    return splice(fd_in, (loff_t *)off_in, fd_out, (loff_t *)off_out, len, flags);
}

ssize_t zc_tee(int fd_in, int fd_out, size_t len, unsigned int flags) {
    return tee(fd_in, fd_out, len, flags);
}

ssize_t zc_copy_file_range(int fd_in, int64_t *off_in, int fd_out, int64_t *off_out, size_t len, unsigned int flags) {
    return copy_file_range(fd_in, (loff_t *)off_in, fd_out, (loff_t *)off_out, len, flags);
}

int zc_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }

int zc_set_pipe_size(int fd, int size) { return fcntl(fd, F_SETPIPE_SZ, size); }

long zc_filesystem_type(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return -1;
    return (long)info.f_type;
}

int zc_direct_io_alignment(int fd, uint32_t *memory, uint32_t *offset) {
#ifdef STATX_DIOALIGN
    struct statx info;
    if (statx(fd, "", AT_EMPTY_PATH, STATX_DIOALIGN, &info) == 0 && (info.stx_mask & STATX_DIOALIGN)) {
        *memory = info.stx_dio_mem_align;
        *offset = info.stx_dio_offset_align;
        return 0;
    }
#endif
    *memory = 0;
    *offset = 0;
    return -1;
}

int zc_extents_shared(int fd, uint32_t *extents, uint32_t *shared) {
    // One FIEMAP call with room for 64 extents is enough to tell a reflinked copy from a
    // written one: the question is whether any extent is shared, not the whole map.
    enum { slots = 64 };
    // Aligned as the struct it is read as: a plain char array may not be.
    _Alignas(struct fiemap) char storage[sizeof(struct fiemap) + slots * sizeof(struct fiemap_extent)];
    memset(storage, 0, sizeof storage);
    struct fiemap *map = (struct fiemap *)storage;
    map->fm_start = 0;
    map->fm_length = FIEMAP_MAX_OFFSET;
    map->fm_flags = FIEMAP_FLAG_SYNC;
    map->fm_extent_count = slots;
    if (ioctl(fd, FS_IOC_FIEMAP, map) != 0) return -1;
    *extents = map->fm_mapped_extents;
    uint32_t count = 0;
    for (uint32_t i = 0; i < map->fm_mapped_extents && i < slots; i++) {
        if (map->fm_extents[i].fe_flags & FIEMAP_EXTENT_SHARED) count++;
    }
    *shared = count;
    return 0;
}

int zc_zerocopy_enable(int fd) {
    int on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_ZEROCOPY, &on, sizeof on);
}

int zc_zerocopy_drain(int fd, zc_zerocopy_completions *completions, int wait) {
    int notifications = 0;
    for (;;) {
        if (wait && notifications == 0) {
            struct pollfd watch = {.fd = fd, .events = 0};  // POLLERR is always reported
            int ready = poll(&watch, 1, 1000);
            completions->poll_calls++;
            if (ready < 0) return -1;
            if (ready == 0) return 0;
        }
        char control[128];
        struct msghdr message = {0};
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        ssize_t got = recvmsg(fd, &message, MSG_ERRQUEUE | MSG_DONTWAIT);
        completions->recvmsg_calls++;  // every call, the ones that find the queue empty too
        if (got < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                completions->recvmsg_empty++;
                return notifications;
            }
            return -1;
        }
        for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
            int ip = (header->cmsg_level == SOL_IP && header->cmsg_type == IP_RECVERR)
                  || (header->cmsg_level == SOL_IPV6 && header->cmsg_type == IPV6_RECVERR);
            if (!ip) continue;
            struct sock_extended_err error;
            memcpy(&error, CMSG_DATA(header), sizeof error);
            if (error.ee_origin != SO_EE_ORIGIN_ZEROCOPY || error.ee_errno != 0) continue;
            uint32_t low = error.ee_info, high = error.ee_data;
            notifications++;
            completions->notifications++;
            completions->sends_completed += (uint64_t)(high - low) + 1;
            if (error.ee_code & SO_EE_CODE_ZEROCOPY_COPIED) {
                completions->copied_notifications++;
                completions->sends_copied += (uint64_t)(high - low) + 1;
            }
            if (high > completions->highest_id) completions->highest_id = high;
        }
    }
}

int zc_has_ipc_lock_capability(void) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capget, &header, data) != 0) return -1;
    return (data[CAP_IPC_LOCK / 32].effective >> (CAP_IPC_LOCK % 32)) & 1;
}

long long zc_locked_memory_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_MEMLOCK, &limit) != 0) return -1;
    return limit.rlim_cur == RLIM_INFINITY ? -1 : (long long)limit.rlim_cur;
}

int zc_malloc_trim(void) { return malloc_trim(0); }
