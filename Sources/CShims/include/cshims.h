// What Swift's Glibc module hides or cannot express, kept small and prefixed `zc_`. Built with
// _GNU_SOURCE, defined once for the whole target in Package.swift; the files that need it check.
// Constants are data (`extern const`), not functions, as CNIOLinux exports them. libedit's
// wrappers are in CEditLineShims, the tests' process helpers in Tests/CTestSupport.
#ifndef ZCTOUR_CSHIMS_H
#define ZCTOUR_CSHIMS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

// MARK: checksum (checksum.c)

/// A streaming 64-bit checksum that gives the same value however the bytes are split into
/// chunks, so a receiver that sees arbitrary socket reads agrees with the generator.
/// Four independent lanes keep it near memory speed; written in C so that it stays fast
/// in debug builds, where the demos' own cost must not be drowned by the verifier.
typedef struct zc_checksum {
    uint64_t lanes[4];
    uint8_t pending[32];
    uint32_t pending_count;
    uint64_t total;
} zc_checksum;

void zc_checksum_init(zc_checksum *state);
void zc_checksum_update(zc_checksum *state, const void *bytes, size_t count);
uint64_t zc_checksum_final(const zc_checksum *state);

// MARK: sample content (sample.c)

/// Fills `count` bytes with the deterministic sample content that starts at byte `offset`
/// of a sample: the same offset always gives the same bytes, whatever the chunking.
void zc_fill_sample(void *bytes, size_t count, uint64_t offset);

// MARK: interruption (interrupt.c)

/// Installs a handler for `signo` without SA_RESTART, so a blocking syscall returns EINTR
/// and the demo that made it can stop promptly. The handler only records the signal.
int zc_interrupt_install(int signo);
/// The last signal recorded by the handler, or 0.
int zc_interrupt_pending(void);
void zc_interrupt_clear(void);

// MARK: child processes (process.c)

/// Starts `path` with `argv` and this process's environment (posix_spawn): standard input from
/// /dev/null, output and error on the given descriptors, every signal at its default disposition
/// and none blocked, whatever zctour set for itself (it ignores SIGPIPE and blocks signals in its
/// helper threads). Returns 0 and stores the pid, or an errno.
int zc_spawn_client(const char *path, char *const argv[], int stdout_fd, int stderr_fd, pid_t *pid);
/// Whether child `pid` has ended, leaving it unreaped (waitid with WNOWAIT), so that its
/// /proc/<pid>/io can still be read: 1 ended (`status` is its exit status, or 128 + the signal
/// that killed it), 0 still running (only with `nohang`), -1 with errno.
int zc_child_ended(pid_t pid, int nohang, int *status);
/// accept4(2) with SOCK_CLOEXEC, which Glibc's module hides: a connection a demo accepts must
/// not leak into a client program it starts.
int zc_accept_cloexec(int listener);
/// Reaps child `pid` (wait4) and stores its resource usage: 0, or -1 with errno.
int zc_reap_child(pid_t pid, int *status, struct rusage *usage);

// MARK: syscalls that Glibc's Swift module hides (syscalls.c)

ssize_t zc_splice(int fd_in, int64_t *off_in, int fd_out, int64_t *off_out, size_t len, unsigned int flags);
ssize_t zc_tee(int fd_in, int fd_out, size_t len, unsigned int flags);
ssize_t zc_copy_file_range(int fd_in, int64_t *off_in, int fd_out, int64_t *off_out, size_t len, unsigned int flags);
int zc_pipe2(int fds[2], int flags);
int zc_set_pipe_size(int fd, int size);
/// O_DIRECT, which Glibc's module leaves out (it is a _GNU_SOURCE flag).
extern const int zc_o_direct;
/// The alignment O_DIRECT needs on this file (statx STATX_DIOALIGN, Linux 6.1+): of the user
/// buffer's address and of file offsets and lengths. -1 when the kernel or filesystem cannot say.
int zc_direct_io_alignment(int fd, uint32_t *memory, uint32_t *offset);
/// How many of the file's first extents are mapped and how many of them are shared with another
/// file (FIEMAP_EXTENT_SHARED: a reflink). -1 when the filesystem has no FIEMAP.
int zc_extents_shared(int fd, uint32_t *extents, uint32_t *shared);

/// MSG_ZEROCOPY (Linux 4.14+): SO_ZEROCOPY on the socket, then send(..., MSG_ZEROCOPY). Each
/// such send gets an id from 0 up; the kernel reports finished ids as ranges on the socket's
/// error queue, flagged SO_EE_CODE_ZEROCOPY_COPIED when it had to copy after all (loopback).
typedef struct zc_zerocopy_completions {
    uint64_t notifications;         // ranges read from the error queue
    uint64_t sends_completed;       // ids covered by those ranges
    uint64_t copied_notifications;  // ranges flagged ZEROCOPY_COPIED
    uint64_t sends_copied;          // ids covered by flagged ranges
    uint64_t recvmsg_calls;         // every recvmsg on the error queue
    uint64_t recvmsg_empty;         // of those, the ones that found it empty (EAGAIN)
    uint64_t poll_calls;            // waits for a notification
    uint32_t highest_id;
} zc_zerocopy_completions;
int zc_zerocopy_enable(int fd);
/// The send(2) flag MSG_ZEROCOPY.
extern const int zc_msg_zerocopy;
/// Reads every notification waiting on the error queue into `completions`; with `wait`, first
/// waits up to a second for one. Returns the number of notifications read, or -1 with errno.
int zc_zerocopy_drain(int fd, zc_zerocopy_completions *completions, int wait);

/// The filesystem type (statfs f_type) of `path`, or -1; Glibc's module hides statfs.
long zc_filesystem_type(const char *path);

/// Whether the calling thread has CAP_IPC_LOCK in its effective set (capget(2)): with it,
/// neither mlock nor MSG_ZEROCOPY's page pinning counts against RLIMIT_MEMLOCK. -1 on failure.
int zc_has_ipc_lock_capability(void);
/// RLIMIT_MEMLOCK's soft limit in bytes, or -1 for unlimited (RLIM_INFINITY); Glibc's module
/// names the resource only as an enum of its own.
long long zc_locked_memory_limit(void);

// MARK: errno names (errno_name.c)

/// The symbolic name of an errno value ("EINVAL"), or NULL when it has none here.
const char *zc_errno_name(int code);

// MARK: ptrace (tracer.c)

/// One syscall stop of a traced task, from PTRACE_GET_SYSCALL_INFO (the same on every
/// architecture): op 1 is an entry, 2 an exit, anything else no syscall.
typedef struct zc_syscall_stop {
    int op;
    uint32_t arch;
    uint64_t number;
    uint64_t args[6];
    int64_t result;
    int is_error;
} zc_syscall_stop;

/// Forks and execs `path` as a tracee (PTRACE_TRACEME), its standard output and error on the
/// given descriptors. Returns the pid, or -1 with errno when fork failed. `report` is a
/// close-on-exec pipe the caller made: the exec closes it, so its read end reaches end of file;
/// a child that failed first writes two ints to it, the step and the errno, and exits 127:
/// 1 PTRACE_TRACEME (EPERM when ptrace is not permitted), 2 redirecting output, 3 execve. The
/// caller closes the write end, reads the report (in Swift, through the syscall layer, so an
/// interruption is honoured) and reaps a failed child. `refuse` simulates the refusal for tests.
int zc_spawn_traced(const char *path, char *const argv[], char *const envp[], int stdout_fd, int stderr_fd,
                    int refuse, const int report[2]);
/// Follows threads and processes, marks syscall stops, kills the tracee if zctour dies.
int zc_trace_set_options(int pid);
/// Resumes a stopped task until its next syscall entry or exit, delivering `signal`.
int zc_trace_resume(int pid, int signal);
/// Describes the syscall stop a task is in.
int zc_trace_stop(int pid, zc_syscall_stop *stop);

#endif
