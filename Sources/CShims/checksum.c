#include "cshims.h"
#include <string.h>

static const uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;

static inline uint64_t mix(uint64_t lane, uint64_t word) {
    lane ^= word;
    lane *= kMultiplier;
    return lane ^ (lane >> 29);
}

static inline uint64_t load64(const uint8_t *p) {
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

static inline void block(uint64_t lanes[4], const uint8_t *p) {
    lanes[0] = mix(lanes[0], load64(p));
    lanes[1] = mix(lanes[1], load64(p + 8));
    lanes[2] = mix(lanes[2], load64(p + 16));
    lanes[3] = mix(lanes[3], load64(p + 24));
}

void zc_checksum_init(zc_checksum *s) {
    s->lanes[0] = 0x243F6A8885A308D3ull;
    s->lanes[1] = 0x13198A2E03707344ull;
    s->lanes[2] = 0xA4093822299F31D0ull;
    s->lanes[3] = 0x082EFA98EC4E6C89ull;
    s->pending_count = 0;
    s->total = 0;
}

void zc_checksum_update(zc_checksum *s, const void *bytes, size_t count) {
    const uint8_t *p = bytes;
    s->total += count;
    if (s->pending_count > 0) {
        size_t take = 32 - s->pending_count;
        if (take > count) take = count;
        memcpy(s->pending + s->pending_count, p, take);
        s->pending_count += (uint32_t)take;
        p += take;
        count -= take;
        if (s->pending_count < 32) return;
        block(s->lanes, s->pending);
        s->pending_count = 0;
    }
    while (count >= 32) {
        block(s->lanes, p);
        p += 32;
        count -= 32;
    }
    memcpy(s->pending, p, count);
    s->pending_count = (uint32_t)count;
}

uint64_t zc_checksum_final(const zc_checksum *s) {
    uint64_t lanes[4] = {s->lanes[0], s->lanes[1], s->lanes[2], s->lanes[3]};
    uint8_t tail[32] = {0};
    memcpy(tail, s->pending, s->pending_count);
    block(lanes, tail);
    uint64_t h = s->total * kMultiplier;
    for (int i = 0; i < 4; i++) h = mix(h, lanes[i]);
    return h;
}
