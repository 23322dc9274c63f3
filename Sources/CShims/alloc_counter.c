// Interposes the C allocator in zctour's own binary to count each thread's allocations,
// the measured counterpart of Go's -benchmem allocs/op and B/op. glibc exports its real
// allocator under __libc_* names, so no dlsym (which itself allocates) is needed.
#include "cshims.h"
#include <errno.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static __thread uint64_t alloc_count;
static __thread uint64_t alloc_bytes;

static inline void note(size_t size) {
    alloc_count++;
    alloc_bytes += size;
}

uint64_t zc_alloc_count(void) { return alloc_count; }
uint64_t zc_alloc_bytes(void) { return alloc_bytes; }

void *malloc(size_t size) {
    note(size);
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
    note(n * size);
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size) {
    note(size);
    return __libc_realloc(p, size);
}

void free(void *p) { __libc_free(p); }

void *memalign(size_t alignment, size_t size) {
    note(size);
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    note(size);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    note(size);
    void *p = __libc_memalign(alignment, size);
    if (p == NULL && size != 0) return ENOMEM;
    *out = p;
    return 0;
}
