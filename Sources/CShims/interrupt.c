#include "cshims.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t pending_signal;

static void record(int signo) { pending_signal = signo; }

int zc_interrupt_install(int signo) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR
    return sigaction(signo, &action, NULL);
}

int zc_interrupt_pending(void) { return pending_signal; }

void zc_interrupt_clear(void) { pending_signal = 0; }
