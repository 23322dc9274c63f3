#include "cshims.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

int zc_spawn_traced(const char *path, char *const argv[], char *const envp[], int stdout_fd, int stderr_fd,
                    int refuse, const int report[2]) {
    // The close-on-exec pipe tells the parent why the child failed; a successful exec closes it.
    pid_t pid = fork();
    if (pid != 0) return pid;
    close(report[0]);
    int failure[2] = {0, 0};  // step, errno
    if (refuse) {
        failure[0] = 1;
        failure[1] = EPERM;
    } else if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) {
        failure[0] = 1;
        failure[1] = errno;
    } else if (dup2(stdout_fd, STDOUT_FILENO) < 0 || dup2(stderr_fd, STDERR_FILENO) < 0) {
        failure[0] = 2;
        failure[1] = errno;
    } else {
        execve(path, argv, envp);
        failure[0] = 3;
        failure[1] = errno;
    }
    ssize_t ignored = write(report[1], failure, sizeof failure);
    (void)ignored;
    _exit(127);
}

int zc_trace_set_options(int pid) {
    long options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC |
                   PTRACE_O_EXITKILL;
    return (int)ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)options);
}

int zc_trace_resume(int pid, int signal) {
    return (int)ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)signal);
}

int zc_trace_stop(int pid, zc_syscall_stop *stop) {
    struct __ptrace_syscall_info info;
    memset(&info, 0, sizeof info);
    memset(stop, 0, sizeof *stop);
    if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof info, &info) <= 0) return -1;
    stop->arch = info.arch;
    if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
        stop->op = 1;
        stop->number = info.entry.nr;
        for (int i = 0; i < 6; i++) stop->args[i] = info.entry.args[i];
    } else if (info.op == PTRACE_SYSCALL_INFO_EXIT) {
        stop->op = 2;
        stop->result = info.exit.rval;
        stop->is_error = info.exit.is_error;
    }
    return 0;
}
