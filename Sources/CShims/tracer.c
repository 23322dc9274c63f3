#include "cshims.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef __X32_SYSCALL_BIT
#define __X32_SYSCALL_BIT 0x40000000
#endif

#if defined(__x86_64__)
const uint32_t zc_native_audit_arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
const uint32_t zc_native_audit_arch = AUDIT_ARCH_AARCH64;
#else
#error "the tracer knows x86_64 and aarch64"
#endif

const int zc_trace_event_fork = PTRACE_EVENT_FORK;
const int zc_trace_event_vfork = PTRACE_EVENT_VFORK;
const int zc_trace_event_clone = PTRACE_EVENT_CLONE;
const int zc_trace_event_exec = PTRACE_EVENT_EXEC;
const int zc_trace_event_exit = PTRACE_EVENT_EXIT;
const int zc_trace_event_seccomp = PTRACE_EVENT_SECCOMP;
const int zc_trace_event_stop = PTRACE_EVENT_STOP;

// MARK: the calls the default mode stops at

// Descriptor lifecycle (what each descriptor is), the kernel copies (their bytes, from the
// results), file mappings, io_uring, processes and threads, exec (whose own reads are
// subtracted) and exit. Some names stop only with certain arguments: F_DUPFD* is a dup, FICLONE
// is a reflink copy (cp tries it first), MSG_ZEROCOPY a zero-copy send.
#define ALWAYS -1, ZC_MATCH_EQUAL, {0, 0}, NULL
static const zc_filtered_call zc_inspect_calls[] = {
#ifdef SYS_open
    {SYS_open, ALWAYS},
#endif
    {SYS_openat, ALWAYS},
    {SYS_openat2, ALWAYS},
#ifdef SYS_creat
    {SYS_creat, ALWAYS},
#endif
    {SYS_socket, ALWAYS},
    {SYS_socketpair, ALWAYS},
    {SYS_accept, ALWAYS},
    {SYS_accept4, ALWAYS},
    {SYS_connect, ALWAYS},
#ifdef SYS_pipe
    {SYS_pipe, ALWAYS},
#endif
    {SYS_pipe2, ALWAYS},
    {SYS_dup, ALWAYS},
#ifdef SYS_dup2
    {SYS_dup2, ALWAYS},
#endif
    {SYS_dup3, ALWAYS},
    {SYS_fcntl, 1, ZC_MATCH_EQUAL, {F_DUPFD, F_DUPFD_CLOEXEC}, "F_DUPFD*"},
    {SYS_close, ALWAYS},
    {SYS_close_range, ALWAYS},
    {SYS_sendfile, ALWAYS},
    {SYS_splice, ALWAYS},
    {SYS_tee, ALWAYS},
    {SYS_vmsplice, ALWAYS},
    {SYS_copy_file_range, ALWAYS},
    {SYS_ioctl, 1, ZC_MATCH_EQUAL, {FICLONE, FICLONERANGE}, "FICLONE*"},
    {SYS_mmap, ALWAYS},
    {SYS_sendto, 3, ZC_MATCH_BITS, {MSG_ZEROCOPY, 0}, "MSG_ZEROCOPY"},
    {SYS_sendmsg, 2, ZC_MATCH_BITS, {MSG_ZEROCOPY, 0}, "MSG_ZEROCOPY"},
    {SYS_sendmmsg, 3, ZC_MATCH_BITS, {MSG_ZEROCOPY, 0}, "MSG_ZEROCOPY"},
    {SYS_io_uring_setup, ALWAYS},
    {SYS_io_uring_enter, ALWAYS},
    {SYS_clone, ALWAYS},
    {SYS_clone3, ALWAYS},
#ifdef SYS_fork
    {SYS_fork, ALWAYS},
#endif
#ifdef SYS_vfork
    {SYS_vfork, ALWAYS},
#endif
    {SYS_execve, ALWAYS},
    {SYS_execveat, ALWAYS},
    {SYS_exit, ALWAYS},
    {SYS_exit_group, ALWAYS},
};
const int zc_inspect_call_count = (int)(sizeof zc_inspect_calls / sizeof zc_inspect_calls[0]);

const zc_filtered_call *zc_inspect_call(int index) { return &zc_inspect_calls[index]; }

// A classic BPF program: calls of another architecture (i386 through int $0x80) and x32 calls
// all stop, so nothing escapes by switching ABI (seccomp(2): a filter "must either deny all
// syscalls with __X32_SYSCALL_BIT or it must recognize syscalls with and without" it); then one
// comparison per listed call, with its argument test; everything else is allowed untouched.
// Runs in the child between fork and exec: stack memory and two syscalls, nothing else.
static int install_inspect_filter(void) {
    struct sock_filter program[256];
    int n = 0;
#define STATEMENT(code, k) (program[n++] = (struct sock_filter)BPF_STMT(code, k))
#define JUMP(code, k, yes, no) (program[n++] = (struct sock_filter)BPF_JUMP(code, k, yes, no))
    STATEMENT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    JUMP(BPF_JMP | BPF_JEQ | BPF_K, zc_native_audit_arch, 1, 0);
    STATEMENT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
    STATEMENT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    JUMP(BPF_JMP | BPF_JGE | BPF_K, __X32_SYSCALL_BIT, 0, 1);
    STATEMENT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
    for (int i = 0; i < zc_inspect_call_count; i++) {
        const zc_filtered_call *call = &zc_inspect_calls[i];
        if (call->argument < 0) {
            JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)call->number, 0, 1);
            STATEMENT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
            continue;
        }
        // The argument's low 32 bits (little-endian), which hold every value tested here. A
        // different nr jumps over the block with nr still in the accumulator.
        JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)call->number, 0, 5);
        STATEMENT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]) + 8 * (uint32_t)call->argument);
        if (call->match == ZC_MATCH_BITS) {
            JUMP(BPF_JMP | BPF_JSET | BPF_K, (uint32_t)call->values[0], 2, 0);
            JUMP(BPF_JMP | BPF_JSET | BPF_K, (uint32_t)call->values[0], 1, 0);
        } else {
            JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)call->values[0], 2, 0);
            JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)call->values[1], 1, 0);
        }
        STATEMENT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
        STATEMENT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
    }
    STATEMENT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
#undef STATEMENT
#undef JUMP
    struct sock_fprog filter = {.len = (unsigned short)n, .filter = program};
    // Without CAP_SYS_ADMIN a filter needs no_new_privs (seccomp(2)); with it, the bit is left
    // alone, so a set-user-ID program run by root behaves as it does under strace.
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &filter) == 0) return 0;
    if (errno != EACCES) return -1;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &filter);
}

// MARK: start-up

int zc_spawn_seized(const char *path, char *const argv[], char *const envp[], int stdin_fd, int stdout_fd,
                    int stderr_fd, int filter, const int go[2], const int report[2]) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    close(go[1]);
    close(report[0]);
    int failure[2] = {0, 0};  // step, errno
    char byte;
    // The tracer writes one byte once it has seized this process with its options; end of file
    // means it gave up (ptrace refused), and nothing is run.
    if (read(go[0], &byte, 1) != 1) _exit(125);
    // zctour ignores SIGPIPE and blocks nothing, but an ignored signal stays ignored across exec:
    // the program gets the dispositions and mask any shell would give it.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    if ((stdin_fd >= 0 && dup2(stdin_fd, STDIN_FILENO) < 0) || (stdout_fd >= 0 && dup2(stdout_fd, STDOUT_FILENO) < 0) ||
        (stderr_fd >= 0 && dup2(stderr_fd, STDERR_FILENO) < 0)) {
        failure[0] = 1;
        failure[1] = errno;
    } else if (filter && install_inspect_filter() != 0) {
        // The filter goes in last, once the tracer is there: a SECCOMP_RET_TRACE with no tracer
        // that asked for PTRACE_O_TRACESECCOMP fails the call with ENOSYS (seccomp(2)).
        failure[0] = 2;
        failure[1] = errno;
    } else {
        execve(path, argv, envp);
        failure[0] = 3;
        failure[1] = errno;
    }
    ssize_t ignored = write(report[1], failure, sizeof failure);
    (void)ignored;
    _exit(failure[0] == 3 && failure[1] == ENOENT ? 127 : 126);
}

int zc_trace_seize(int pid) {
    long options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |
                   PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL;
    return (int)ptrace(PTRACE_SEIZE, pid, NULL, (void *)options);
}

int zc_trace_interrupt(int pid) { return (int)ptrace(PTRACE_INTERRUPT, pid, NULL, NULL); }

int zc_trace_syscall(int pid, int signal) { return (int)ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)signal); }

int zc_trace_cont(int pid, int signal) { return (int)ptrace(PTRACE_CONT, pid, NULL, (void *)(long)signal); }

int zc_trace_listen(int pid) { return (int)ptrace(PTRACE_LISTEN, pid, NULL, NULL); }

int zc_trace_event_message(int pid, unsigned long *message) {
    return (int)ptrace(PTRACE_GETEVENTMSG, pid, NULL, message);
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
    } else if (info.op == PTRACE_SYSCALL_INFO_SECCOMP) {
        stop->op = 3;
        stop->number = info.seccomp.nr;
        for (int i = 0; i < 6; i++) stop->args[i] = info.seccomp.args[i];
    }
    return 0;
}

int zc_trace_peek(int pid, uint64_t address, uint64_t *word) {
    errno = 0;
    long value = ptrace(PTRACE_PEEKDATA, pid, (void *)address, NULL);
    if (errno != 0) return -1;
    *word = (uint64_t)value;
    return 0;
}
