#ifndef _GNU_SOURCE
#error CLoops is built with _GNU_SOURCE (Benchmarks/Package.swift cSettings): splice, tee, copy_file_range, pipe2 and F_SETPIPE_SZ need it
#endif

#include "cloops.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <sys/socket.h>
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

// What a Swift `[UInt8]` of `buffer` bytes asks malloc for: its 32-byte header (metadata,
// refcount, count, capacity) and the bytes. Asking for exactly `buffer` is not the same request:
// glibc served 64 KiB + 32 measurably slower than 64 KiB here (Swift ÷ C 1.06 with malloc(buffer)).
static const size_t swift_array_header = 32;

long zcb_read_write_alloc(int in, int out, size_t buffer, zcb_consume consume, void *context) {
    long calls = 0;
    for (;;) {
        char *chunk = malloc(buffer + swift_array_header);
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

/// The loop of a call that moves bytes inside the kernel, as ZeroCopy's Transfer.kernelLoop: up to
/// `per_call` bytes of what is left per call, until all moved or a call moves none. Static and
/// inline, so the compiler folds the call in: the yardstick stays a plain loop.
static inline long kernel_loop(int in, int out, size_t size, size_t per_call, size_t *moved,
                               ssize_t (*call)(int in, int out, size_t count)) {
    long calls = 0;
    size_t done = 0;
    while (done < size) {
        size_t count = size - done < per_call ? size - done : per_call;
        ssize_t n = call(in, out, count);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        calls++;
        if (n == 0) break;
        done += (size_t)n;
    }
    *moved = done;
    return calls;
}

static ssize_t sendfile_call(int in, int out, size_t count) { return sendfile(out, in, NULL, count); }

long zcb_sendfile(int in, int out, size_t size, size_t per_call, size_t *moved) {
    return kernel_loop(in, out, size, per_call, moved, sendfile_call);
}

/// A pipe sized as zctour's splice demos size theirs: the chunk, between a page and 1 MiB.
static int make_pipe(int fds[2], size_t per_call) {
    if (pipe2(fds, O_CLOEXEC) < 0) return -1;
    size_t wanted = per_call < 4096 ? 4096 : per_call > (1 << 20) ? (1 << 20) : per_call;
    int granted = fcntl(fds[1], F_SETPIPE_SZ, (int)wanted);
    return granted > 0 ? granted : 65536;
}

/// Splices `count` bytes out of pipe end `from` into `out`; the calls it took, or -1.
static long drain(int from, int out, size_t count) {
    long calls = 0;
    while (count > 0) {
        ssize_t n = splice(from, NULL, out, NULL, count, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        calls++;
        count -= (size_t)n;
    }
    return calls;
}

long zcb_splice(int in, int out, size_t size, size_t per_call, size_t *moved) {
    int fds[2];
    *moved = 0;
    int capacity = make_pipe(fds, per_call);
    if (capacity < 0) return -1;
    size_t chunk = per_call < (size_t)capacity ? per_call : (size_t)capacity;
    long calls = 0;
    while (*moved < size) {
        size_t count = size - *moved < chunk ? size - *moved : chunk;
        ssize_t filled = splice(in, NULL, fds[1], NULL, count, 0);
        if (filled < 0) {
            if (errno == EINTR) continue;
            calls = -1;
            break;
        }
        calls++;
        if (filled == 0) break;
        long drained = drain(fds[0], out, (size_t)filled);
        if (drained < 0) {
            calls = -1;
            break;
        }
        calls += drained;
        *moved += (size_t)filled;
    }
    close(fds[0]);
    close(fds[1]);
    return calls;
}

long zcb_tee(int in, int out, int copy, size_t size, size_t per_call, size_t *moved) {
    int first[2], second[2];
    *moved = 0;
    int capacity = make_pipe(first, per_call);
    if (capacity < 0) return -1;
    int other = make_pipe(second, (size_t)capacity);
    if (other < 0) {
        close(first[0]);
        close(first[1]);
        return -1;
    }
    size_t chunk = per_call;
    if ((size_t)capacity < chunk) chunk = (size_t)capacity;
    if ((size_t)other < chunk) chunk = (size_t)other;
    long calls = 0;
    while (*moved < size && calls >= 0) {
        size_t count = size - *moved < chunk ? size - *moved : chunk;
        ssize_t filled = splice(in, NULL, first[1], NULL, count, 0);
        if (filled < 0) {
            if (errno == EINTR) continue;
            calls = -1;
            break;
        }
        calls++;
        if (filled == 0) break;
        for (ssize_t duplicated = 0; duplicated < filled;) {
            ssize_t n = tee(first[0], second[1], (size_t)(filled - duplicated), 0);
            if (n < 0) {
                if (errno == EINTR) continue;
                calls = -1;
                break;
            }
            calls++;
            duplicated += n;
        }
        long to_copy = calls < 0 ? -1 : drain(second[0], copy, (size_t)filled);
        long to_out = to_copy < 0 ? -1 : drain(first[0], out, (size_t)filled);
        if (to_out < 0) {
            calls = -1;
            break;
        }
        calls += to_copy + to_out;
        *moved += (size_t)filled;
    }
    close(first[0]);
    close(first[1]);
    close(second[0]);
    close(second[1]);
    return calls;
}

static ssize_t copy_file_range_call(int in, int out, size_t count) {
    return copy_file_range(in, NULL, out, NULL, count, 0);
}

long zcb_copy_file_range(int in, int out, size_t size, size_t per_call, size_t *moved) {
    return kernel_loop(in, out, size, per_call, moved, copy_file_range_call);
}

int zcb_zerocopy_enable(int fd) {
    int on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_ZEROCOPY, &on, sizeof on);
}

/// Reads the waiting completions (after up to a second's wait for one with `wait`): the recvmsg
/// calls it made, or -1. Adds the send ids the completions cover to *completed.
static long read_completions(int fd, uint64_t *completed, int wait) {
    long calls = 0;
    int found = 0;
    for (;;) {
        if (wait && found == 0) {
            struct pollfd watch = {.fd = fd, .events = 0};
            int ready = poll(&watch, 1, 1000);
            if (ready < 0) return errno == EINTR ? calls : -1;
            if (ready == 0) return calls;
        }
        char control[128];
        struct msghdr message = {0};
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        ssize_t got = recvmsg(fd, &message, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? calls : -1;
        calls++;
        for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
            if (!((header->cmsg_level == SOL_IP && header->cmsg_type == IP_RECVERR)
                  || (header->cmsg_level == SOL_IPV6 && header->cmsg_type == IPV6_RECVERR)))
                continue;
            struct sock_extended_err error;
            memcpy(&error, CMSG_DATA(header), sizeof error);
            if (error.ee_origin != SO_EE_ORIGIN_ZEROCOPY || error.ee_errno != 0) continue;
            found++;
            *completed += (uint64_t)(error.ee_data - error.ee_info) + 1;
        }
    }
}

long zcb_msg_zerocopy(int in, int out, size_t size, size_t per_call, size_t *moved) {
    *moved = 0;
    char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, in, 0);
    if (map == MAP_FAILED) return -1;
    uint64_t sends = 0, completed = 0;
    long calls = 0;
    while (*moved < size && calls >= 0) {
        size_t count = size - *moved < per_call ? size - *moved : per_call;
        ssize_t n = send(out, map + *moved, count, MSG_ZEROCOPY);
        if (n < 0 && errno == ENOBUFS) {
            if (read_completions(out, &completed, 1) < 0) calls = -1;
        } else if (n < 0 && errno != EINTR) {
            calls = -1;
            break;
        } else if (n >= 0) {
            *moved += (size_t)n;
            sends++;
        }
        calls++;
        long read = read_completions(out, &completed, 0);
        calls = read < 0 ? -1 : calls + read;
    }
    while (calls >= 0 && completed < sends) {
        uint64_t before = completed;
        long read = read_completions(out, &completed, 1);
        if (read < 0 || completed == before) {
            if (read >= 0) errno = ETIMEDOUT;
            calls = -1;
            break;
        }
        calls += read;
    }
    munmap(map, size);
    return calls;
}
