#include "common.h"
#include <fcntl.h>

int zcy_make_pipe(int fds[2], size_t chunk) {
    if (pipe2(fds, O_CLOEXEC) < 0) return -1;
    size_t wanted = chunk < 4096 ? 4096 : chunk > (1 << 20) ? (1 << 20) : chunk;
    int granted = fcntl(fds[1], F_SETPIPE_SZ, (int)wanted);
    return granted > 0 ? granted : 65536;
}

long zcy_drain_pipe(int from, int out, size_t count) {
    long calls = 0;
    while (count > 0) {
        ssize_t n = splice(from, NULL, out, NULL, count, 0);
        if (n < 0) return -1;
        calls++;
        count -= (size_t)n;
    }
    return calls;
}
