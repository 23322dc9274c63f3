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
/// malloc_trim(3) with a pad of 0: glibc returns the freed memory it keeps to the kernel
/// (Glibc's Swift module does not import malloc.h). 1 if some was returned.
int zc_malloc_trim(void);
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
/// architecture): op 1 is an entry, 2 an exit, 3 a seccomp stop (the filter asked for it; the
/// call has not run yet), anything else no syscall.
typedef struct zc_syscall_stop {
    int op;
    uint32_t arch;
    uint64_t number;
    uint64_t args[6];
    int64_t result;
    int is_error;
} zc_syscall_stop;

/// The AUDIT_ARCH_* value of this machine's native calls, as syscall stops report it.
extern const uint32_t zc_native_audit_arch;
/// PTRACE_EVENT_* values, as a stop's wait status carries them above its signal.
extern const int zc_trace_event_fork, zc_trace_event_vfork, zc_trace_event_clone, zc_trace_event_exec;
extern const int zc_trace_event_exit, zc_trace_event_seccomp, zc_trace_event_stop;

/// Forks a child for the tracer: it waits until one byte arrives on `go` (the tracer has seized
/// it with PTRACE_SEIZE, so nothing of it runs untraced), gets the standard descriptors given
/// (-1 keeps its own), the default signal mask and SIGPIPE disposition, installs the inspect
/// seccomp filter when `filter` is set (last: without the tracer a SECCOMP_RET_TRACE call fails
/// with ENOSYS), and execve()s `path`. Returns the pid, or -1 with errno when fork failed.
/// `go` and `report` are close-on-exec pipes the caller made; a child that failed writes two ints
/// to `report`, the step and the errno (1 redirecting, 2 the seccomp filter, 3 execve), and exits
/// 127 for a missing file, else 126; end of file on `go` makes it exit 125 having run nothing.
int zc_spawn_seized(const char *path, char *const argv[], char *const envp[], int stdin_fd, int stdout_fd,
                    int stderr_fd, int filter, const int go[2], const int report[2]);
/// PTRACE_SEIZE with every option the tracer needs: syscall stops marked (TRACESYSGOOD), seccomp
/// stops, threads and processes followed, exec and exit stops, the tracee killed if zctour dies.
int zc_trace_seize(int pid);
int zc_trace_interrupt(int pid);
/// Resumes a stopped task until its next syscall entry or exit (or seccomp stop), delivering `signal`.
int zc_trace_syscall(int pid, int signal);
/// Resumes a stopped task until its next seccomp stop, event or signal, delivering `signal`.
int zc_trace_cont(int pid, int signal);
/// Keeps a task in its group-stop (SIGSTOP, SIGTSTP) while still reporting it.
int zc_trace_listen(int pid);
int zc_trace_event_message(int pid, unsigned long *message);
/// Describes the syscall stop a task is in.
int zc_trace_stop(int pid, zc_syscall_stop *stop);
/// The 8 bytes at `address` in a stopped task's memory (PTRACE_PEEKDATA): the two descriptors
/// pipe(2) or socketpair(2) wrote there, a field of a struct the call was given.
int zc_trace_peek(int pid, uint64_t address, uint64_t *word);

/// A call the inspect filter stops at: always (`argument` -1), or when argument `argument`
/// equals one of `values` (ZC_MATCH_EQUAL) or has the bits of values[0] (ZC_MATCH_BITS);
/// `condition` says which, for people ("F_DUPFD*").
enum { ZC_MATCH_EQUAL = 0, ZC_MATCH_BITS = 1 };
typedef struct zc_filtered_call {
    int number;
    int argument;
    int match;
    uint64_t values[2];
    const char *condition;
} zc_filtered_call;
extern const int zc_inspect_call_count;
/// The list, entry `index` (0 up to zc_inspect_call_count).
const zc_filtered_call *zc_inspect_call(int index);

// MARK: sockets of a traced process (socket_facts.c)

/// The bytes a TCP socket of a traced task has carried, from the kernel's tcp_info, read through
/// a duplicate of its descriptor (pidfd_getfd, which its tracer may do): sent, less
/// retransmissions, plus what still waits to be sent; received, less the peer's FIN.
int zc_tcp_socket_bytes(int tid, int tgid, int fd, uint64_t *sent, uint64_t *received);
/// A unix socket's bound name ("" if none, '@' first for an abstract one) and its peer's inode,
/// from sock_diag (UNIX_DIAG_NAME, UNIX_DIAG_PEER). -1 when the kernel does not know the inode.
int zc_unix_socket_describe(uint32_t inode, char *name, size_t size, uint32_t *peer, int *datagram);

#endif
