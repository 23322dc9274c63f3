#include "ctestsupport.h"
#include <pty.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/// The child starts as from a shell: with standard input, output and error only. Descriptors the
/// test process holds (other tests' sockets, not all opened close-on-exec) would otherwise be
/// inherited, and `inspect` would count what other threads send on them.
static void close_inherited(void) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3U, ~0U, 0) == 0) return;
#endif
    long most = sysconf(_SC_OPEN_MAX);
    for (long fd = 3; fd < (most > 0 ? most : 1024); fd++) close((int)fd);
}

int zc_spawn_on_pty(const char *path, char *const argv[], char *const envp[], unsigned short rows,
                    unsigned short columns, int *master) {
    struct winsize size = {.ws_row = rows, .ws_col = columns};
    pid_t pid = forkpty(master, NULL, NULL, &size);
    if (pid == 0) {
        close_inherited();
        execve(path, argv, envp);
        _exit(127);
    }
    return pid;
}

int zc_spawn(const char *path, char *const argv[], char *const envp[], int in_fd, int out_fd, int err_fd) {
    pid_t pid = fork();
    if (pid == 0) {
        if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) _exit(126);
        close_inherited();
        execve(path, argv, envp);
        _exit(127);
    }
    return pid;
}
