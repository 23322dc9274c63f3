#define _GNU_SOURCE
#include "cloops.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <unistd.h>

// Every loop below is the obvious C: no tricks the Swift demos could not also use.

static long write_all(int out, const char *bytes, size_t count) {
    long calls = 0;
    size_t done = 0;
    while (done < count) {
        ssize_t n = write(out, bytes + done, count - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        calls++;
        done += (size_t)n;
    }
    return calls;
}

static long deliver(int out, const char *bytes, size_t count, zcb_consume consume, void *context) {
    if (consume) consume(context, bytes, count);
    return write_all(out, bytes, count);
}

long zcb_read_write(int in, int out, size_t buffer, zcb_consume consume, void *context) {
    char *chunk = aligned_alloc(64, buffer);
    if (!chunk) return -1;
    long calls = 0;
    for (;;) {
        ssize_t n = read(in, chunk, buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            calls = -1;
            break;
        }
        calls++;
        if (n == 0) break;
        long written = deliver(out, chunk, (size_t)n, consume, context);
        if (written < 0) {
            calls = -1;
            break;
        }
        calls += written;
    }
    free(chunk);
    return calls;
}

long zcb_read_write_alloc(int in, int out, size_t buffer, zcb_consume consume, void *context) {
    long calls = 0;
    for (;;) {
        char *chunk = malloc(buffer);
        if (!chunk) return -1;
        ssize_t n = read(in, chunk, buffer);
        if (n < 0) {
            free(chunk);
            if (errno == EINTR) continue;
            return -1;
        }
        calls++;
        if (n == 0) {
            free(chunk);
            return calls;
        }
        long written = deliver(out, chunk, (size_t)n, consume, context);
        free(chunk);
        if (written < 0) return -1;
        calls += written;
    }
}

long zcb_pread_whole(int in, int out, size_t size, zcb_consume consume, void *context) {
    char *whole = aligned_alloc(4096, size ? (size + 4095) / 4096 * 4096 : 4096);
    if (!whole) return -1;
    long calls = 0;
    size_t filled = 0;
    while (filled < size) {
        ssize_t n = pread(in, whole + filled, size - filled, (off_t)filled);
        if (n < 0) {
            if (errno == EINTR) continue;
            free(whole);
            return -1;
        }
        calls++;
        if (n == 0) break;
        filled += (size_t)n;
    }
    long written = deliver(out, whole, filled, consume, context);
    free(whole);
    return written < 0 ? -1 : calls + written;
}

long zcb_mmap_write(int in, int out, size_t size, zcb_consume consume, void *context) {
    void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, in, 0);
    if (map == MAP_FAILED) return -1;
    long calls = deliver(out, map, size, consume, context);
    munmap(map, size);
    return calls;
}

long zcb_mmap_copy(int in, int out, size_t size, size_t buffer, zcb_consume consume, void *context) {
    char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, in, 0);
    if (map == MAP_FAILED) return -1;
    char *chunk = aligned_alloc(64, buffer);
    long calls = chunk ? 0 : -1;
    for (size_t offset = 0; chunk && offset < size;) {
        size_t count = size - offset < buffer ? size - offset : buffer;
        memcpy(chunk, map + offset, count);
        long written = deliver(out, chunk, count, consume, context);
        if (written < 0) {
            calls = -1;
            break;
        }
        calls += written;
        offset += count;
    }
    free(chunk);
    munmap(map, size);
    return calls;
}

long zcb_sendfile(int in, int out, size_t size, size_t per_call, size_t *moved) {
    long calls = 0;
    size_t sent = 0;
    while (sent < size) {
        size_t count = size - sent < per_call ? size - sent : per_call;
        ssize_t n = sendfile(out, in, NULL, count);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        calls++;
        if (n == 0) break;
        sent += (size_t)n;
    }
    *moved = sent;
    return calls;
}

long zcb_splice(int in, int out, size_t size, size_t per_call, size_t *moved) {
    int pipe_fds[2];
    *moved = 0;
    if (pipe2(pipe_fds, O_CLOEXEC) < 0) return -1;
    if (per_call > 65536) fcntl(pipe_fds[1], F_SETPIPE_SZ, (int)(per_call < (1 << 20) ? per_call : (1 << 20)));
    long calls = 0;
    while (*moved < size && calls >= 0) {
        size_t count = size - *moved < per_call ? size - *moved : per_call;
        ssize_t in_pipe = splice(in, NULL, pipe_fds[1], NULL, count, SPLICE_F_MOVE);
        if (in_pipe < 0) {
            if (errno == EINTR) continue;
            calls = -1;
            break;
        }
        calls++;
        if (in_pipe == 0) break;
        for (ssize_t left = in_pipe; left > 0;) {
            ssize_t n = splice(pipe_fds[0], NULL, out, NULL, (size_t)left, SPLICE_F_MOVE);
            if (n < 0) {
                if (errno == EINTR) continue;
                calls = -1;
                break;
            }
            calls++;
            left -= n;
        }
        *moved += (size_t)in_pipe;
    }
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return calls;
}

long zcb_copy_file_range(int in, int out, size_t size, size_t per_call, size_t *moved) {
    long calls = 0;
    size_t copied = 0;
    while (copied < size) {
        size_t count = size - copied < per_call ? size - copied : per_call;
        ssize_t n = copy_file_range(in, NULL, out, NULL, count, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        calls++;
        if (n == 0) break;
        copied += (size_t)n;
    }
    *moved = copied;
    return calls;
}
