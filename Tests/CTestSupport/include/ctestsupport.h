// What the tests (and the benchmarks' start-up check) need to start the built zctour as a user
// would, and Swift cannot do itself (fork is unavailable to it). Never linked into zctour: these
// helpers and -lutil (forkpty) stay out of production.
#ifndef ZCTOUR_CTESTSUPPORT_H
#define ZCTOUR_CTESTSUPPORT_H

/// Starts `path` with `argv` and `envp` on a new pseudo-terminal of the given size, as the
/// session leader with the terminal as its controlling terminal (so Ctrl-C typed into the
/// master raises SIGINT in it). Returns the pid and stores the master's descriptor.
int zc_spawn_on_pty(const char *path, char *const argv[], char *const envp[], unsigned short rows,
                    unsigned short columns, int *master);

/// Starts `path` with its standard input, output and error on the given descriptors (fork and
/// execve, nothing else in between). The tests use it instead of Foundation's Process, which
/// reaps children of its own accord.
int zc_spawn(const char *path, char *const argv[], char *const envp[], int in_fd, int out_fd, int err_fd);

/// glibc's wcwidth(3) of `code` in the C.UTF-8 locale (set for the calling thread only, so the
/// test process's own locale stays as it was): the columns a terminal gives a character, from
/// a table nobody here wrote, to check zctour's against. -1 for a non-printable character, -2
/// when C.UTF-8 is missing.
int zc_system_wcwidth(unsigned int code);

#endif
