#define _GNU_SOURCE
#include "cshims.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

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

int zc_open_direct_flag(void) { return O_DIRECT; }

ssize_t zc_readahead(int fd, int64_t offset, size_t count) { return readahead(fd, offset, count); }

int zc_memfd_create(const char *name, unsigned int flags) { return memfd_create(name, flags); }


long zc_filesystem_type(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return -1;
    return (long)info.f_type;
}
