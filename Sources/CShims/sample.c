#include "cshims.h"
#include <string.h>

// splitmix64 of the word index: random-looking, incompressible, and addressable by offset.
static inline uint64_t word_at(uint64_t index) {
    uint64_t z = index * 0x9E3779B97F4A7C15ull + 0x5A6374F5E0ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void zc_fill_sample(void *bytes, size_t count, uint64_t offset) {
    uint8_t *out = bytes;
    while (count > 0 && (offset & 7) != 0) {
        uint64_t w = word_at(offset >> 3);
        *out++ = (uint8_t)(w >> ((offset & 7) * 8));
        offset++;
        count--;
    }
    uint64_t index = offset >> 3;
    while (count >= 8) {
        uint64_t w = word_at(index++);
        memcpy(out, &w, 8);
        out += 8;
        count -= 8;
    }
    if (count > 0) {
        uint64_t w = word_at(index);
        memcpy(out, &w, count);
    }
}
