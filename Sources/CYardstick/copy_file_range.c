#include "common.h"

static ssize_t copy_file_range_call(int in, int out, size_t count) {
    return copy_file_range(in, NULL, out, NULL, count, 0);
}

long zcy_copy_file_range(zcy_job *job) { return zcy_kernel_loop(job, copy_file_range_call); }
