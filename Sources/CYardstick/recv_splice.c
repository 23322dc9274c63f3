#include "common.h"

long zcy_recv_splice(zcy_job *job) { return zcy_splice_through_pipe(job, 1); }
