#include "ctestsupport.h"
#include <pty.h>
#include <stdlib.h>
#include <unistd.h>

int zc_spawn_on_pty(const char *path, char *const argv[], char *const envp[], unsigned short rows,
                    unsigned short columns, int *master) {
    struct winsize size = {.ws_row = rows, .ws_col = columns};
    pid_t pid = forkpty(master, NULL, NULL, &size);
    if (pid == 0) {
        execve(path, argv, envp);
        _exit(127);
    }
    return pid;
}

int zc_spawn(const char *path, char *const argv[], char *const envp[], int in_fd, int out_fd, int err_fd) {
    pid_t pid = fork();
    if (pid == 0) {
        if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) _exit(126);
        execve(path, argv, envp);
        _exit(127);
    }
    return pid;
}
