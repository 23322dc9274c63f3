// The allocation counter lives apart from CShims: it defines malloc itself, so only the
// targets that measure allocations (Probe, and through it zctour and the tests) link it, and a
// harness with its own interposer (Benchmarks/, package-benchmark's MallocInterposer) can link
// the techniques without two definitions of malloc.
#ifndef ZCTOUR_CALLOCCOUNTER_H
#define ZCTOUR_CALLOCCOUNTER_H

#include <stdint.h>

/// Per-thread totals of the allocations made through malloc, calloc, realloc and the aligned
/// allocators since the thread started. zctour interposes these functions in its own binary
/// (like Go's -benchmem), so the counts are measured, not estimated.
uint64_t zc_alloc_count(void);
uint64_t zc_alloc_bytes(void);

#endif
