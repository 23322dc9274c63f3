#include "common.h"
#include <sys/sendfile.h>

static ssize_t sendfile_call(int in, int out, size_t count) { return sendfile(out, in, NULL, count); }

long zcy_sendfile(zcy_job *job) { return zcy_kernel_loop(job, sendfile_call); }
