#include "common.h"
#include <fcntl.h>

long zcy_tee(zcy_job *job) {
    int first[2], second[2];
    job->moved = 0;
    int capacity = zcy_make_pipe(first, job->buffer);
    if (capacity < 0) return -1;
    int other = zcy_make_pipe(second, (size_t)capacity);
    if (other < 0) {
        close(first[0]);
        close(first[1]);
        return -1;
    }
    size_t chunk = job->buffer;
    if ((size_t)capacity < chunk) chunk = (size_t)capacity;
    if ((size_t)other < chunk) chunk = (size_t)other;
    long calls = 0;
    while (job->moved < job->size && calls >= 0) {
        size_t left = job->size - job->moved;
        ssize_t filled = splice(job->in, NULL, first[1], NULL, left < chunk ? left : chunk, 0);
        if (filled < 0) {
            calls = -1;
            break;
        }
        calls++;
        if (filled == 0) break;
        for (ssize_t duplicated = 0; duplicated < filled;) {
            ssize_t n = tee(first[0], second[1], (size_t)(filled - duplicated), 0);
            if (n < 0) {
                calls = -1;
                break;
            }
            calls++;
            duplicated += n;
        }
        long to_copy = calls < 0 ? -1 : zcy_drain_pipe(second[0], job->copy, (size_t)filled);
        long to_out = to_copy < 0 ? -1 : zcy_drain_pipe(first[0], job->out, (size_t)filled);
        if (to_out < 0) {
            calls = -1;
            break;
        }
        calls += to_copy + to_out;
        job->moved += (size_t)filled;
    }
    close(first[0]);
    close(first[1]);
    close(second[0]);
    close(second[1]);
    return calls;
}
