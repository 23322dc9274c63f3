// Interposes the C allocator in zctour's own binary to count each thread's allocations,
// the measured counterpart of Go's -benchmem allocs/op and B/op. glibc exports its real
// allocator under __libc_* names, so no dlsym (which itself allocates) is needed.
#include "calloccounter.h"
#include <stddef.h>
#include <errno.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);
extern void *__libc_valloc(size_t);
extern void *__libc_pvalloc(size_t);

// initial-exec: reaching the counters must never call into the allocator itself.
static __thread uint64_t alloc_count __attribute__((tls_model("initial-exec")));
static __thread uint64_t alloc_bytes __attribute__((tls_model("initial-exec")));

/// Counts an allocation that succeeded; a failed one allocated nothing.
static inline void *note(void *block, size_t size) {
    if (block != NULL) {
        alloc_count++;
        alloc_bytes += size;
    }
    return block;
}

uint64_t zc_alloc_count(void) { return alloc_count; }
uint64_t zc_alloc_bytes(void) { return alloc_bytes; }

void *malloc(size_t size) { return note(__libc_malloc(size), size); }

void *calloc(size_t n, size_t size) {
    size_t total;
    if (__builtin_mul_overflow(n, size, &total)) total = SIZE_MAX;
    return note(__libc_calloc(n, size), total);
}

void *realloc(void *p, size_t size) {
    if (p != NULL && size == 0) {  // a free, not an allocation
        __libc_free(p);
        return NULL;
    }
    return note(__libc_realloc(p, size), size);
}

void free(void *p) { __libc_free(p); }

void *memalign(size_t alignment, size_t size) { return note(__libc_memalign(alignment, size), size); }

void *aligned_alloc(size_t alignment, size_t size) { return note(__libc_memalign(alignment, size), size); }

void *valloc(size_t size) { return note(__libc_valloc(size), size); }

void *pvalloc(size_t size) { return note(__libc_pvalloc(size), size); }

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *p = note(__libc_memalign(alignment, size), size);
    if (p == NULL && size != 0) return ENOMEM;
    *out = p;
    return 0;
}
