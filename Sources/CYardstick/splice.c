#include "common.h"

long zcy_splice(zcy_job *job) { return zcy_splice_through_pipe(job, 0); }
