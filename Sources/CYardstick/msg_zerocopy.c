#include "common.h"
#include <errno.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>

int zcy_msg_zerocopy_prepare(int out) {
    int on = 1;
    return setsockopt(out, SOL_SOCKET, SO_ZEROCOPY, &on, sizeof on);
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
            if (ready < 0) return -1;
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

long zcy_msg_zerocopy(zcy_job *job) {
    size_t size = job->size;
    job->moved = 0;
    char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, job->in, 0);
    if (map == MAP_FAILED) return -1;
    uint64_t sends = 0, completed = 0;
    long calls = 0;
    while (job->moved < size && calls >= 0) {
        size_t left = size - job->moved;
        ssize_t n = send(job->out, map + job->moved, left < job->buffer ? left : job->buffer, MSG_ZEROCOPY);
        if (n < 0 && errno == ENOBUFS) {
            // Too many sends await notification: read some, then send again. With none
            // outstanding, or none coming back, the send itself does not fit (RLIMIT_MEMLOCK):
            // fail rather than loop for ever.
            uint64_t before = completed;
            if (completed >= sends || read_completions(job->out, &completed, 1) < 0 || completed == before) {
                errno = ENOBUFS;
                calls = -1;
                break;
            }
        } else if (n < 0) {
            calls = -1;
            break;
        } else {
            job->moved += (size_t)n;
            sends++;
        }
        calls++;
        long read = read_completions(job->out, &completed, 0);
        calls = read < 0 ? -1 : calls + read;
    }
    // Every send must be reported complete before the pages may be unmapped; a second with
    // nothing new means one never will be: the run fails with -2 (no errno describes it).
    while (calls >= 0 && completed < sends) {
        uint64_t before = completed;
        long read = read_completions(job->out, &completed, 1);
        if (read < 0) {
            calls = -1;
            break;
        }
        calls += read;
        if (completed == before) break;
    }
    munmap(map, size);
    return calls >= 0 && completed < sends ? -2 : calls;
}
