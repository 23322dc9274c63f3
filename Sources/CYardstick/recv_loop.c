#include "common.h"

// The copying loop of read_write.c, on a socket: read until the stream ends, write each chunk
// out; no consumer is set, so the bytes go straight to the file.
long zcy_recv_loop(zcy_job *job) { return zcy_read_write(job); }
