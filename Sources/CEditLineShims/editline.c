#define _GNU_SOURCE  // ppoll
#include "ceditlineshims.h"
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static char prompt_text[512] = "zctour> ";

static char *prompt(EditLine *el) {
    (void)el;
    return prompt_text;
}

void zc_el_set_prompt(const char *text) {
    strncpy(prompt_text, text, sizeof prompt_text - 1);
    prompt_text[sizeof prompt_text - 1] = 0;
}

static int (*stop_reading)(void);

// Bytes read in the moment a signal came: typed after the Ctrl-C (the terminal flushes what
// was typed before it), so they belong to the next line, not to the one given up.
static char pushed_back[2 * MB_LEN_MAX];
static size_t pushed_count;

static int stopped(void) { return stop_reading != NULL && stop_reading(); }

// Waits until the terminal has input, or a signal arrives. The signals that stop reading are
// blocked from the check of `stopped` until ppoll unblocks them atomically, so one that comes
// just after the check still cuts the wait short instead of waiting for the next key.
static int wait_for_input(void) {
    sigset_t stops, previous;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stops, &previous);
    int ready = -1;
    if (stopped()) {
        errno = EINTR;
    } else {
        struct pollfd input = {.fd = STDIN_FILENO, .events = POLLIN};
        ready = ppoll(&input, 1, NULL, &previous);
    }
    int saved = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    errno = saved;
    return ready;
}

// One byte: a pushed-back one first, else from the terminal. Returns 1, 0 at end of input, or
// -1 with errno set; EINTR only when a signal asks to stop.
static int next_byte(EditLine *el, char *byte) {
    int fixed = 0;
    if (pushed_count > 0) {
        *byte = pushed_back[0];
        memmove(pushed_back, pushed_back + 1, --pushed_count);
        return 1;
    }
    for (;;) {
        if (wait_for_input() < 0) {
            if (errno != EINTR) return -1;
            if (stopped()) return -1;
            el_resize(el);  // a resize, or fg after Ctrl-Z
            continue;
        }
        ssize_t got = read(STDIN_FILENO, byte, 1);
        if (got >= 0) return (int)got;
        if (errno == EINTR) {
            el_resize(el);  // a resize, or fg after Ctrl-Z; a stop is seen above
        } else if ((errno == EAGAIN || errno == EWOULDBLOCK) && !fixed) {
            // Someone left the terminal non-blocking: make it block again, once, as libedit does.
            int flags = fcntl(STDIN_FILENO, F_GETFL);
            if (flags == -1 || fcntl(STDIN_FILENO, F_SETFL, flags & ~O_NONBLOCK) == -1) return -1;
            fixed = 1;
        } else {
            return -1;
        }
    }
}

// libedit's own reader, a byte at a time decoded as the locale says (read.c's read_char), with
// one difference: once `stop_reading` says a signal is pending, every read fails at once with
// EINTR until el_gets returns. The built-in reader fails only the read that the signal
// interrupted, and each mode takes that failure its own way: the main loop returns, but
// incremental search (Ctrl-R) ends as if Ctrl-D was typed, and vi's search and the extended
// command line beep and read on. Failing every read makes each of them give up and el_gets
// return, in any mode; the caller then sees the pending signal.
static int read_char(EditLine *el, wchar_t *out) {
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    *out = L'\0';
    for (;;) {
        int got = next_byte(el, &bytes[count]);
        if (got <= 0) return got;
        count++;
        if (stopped()) {  // back in front of what is still pushed back, in the order typed
            if (pushed_count + count <= sizeof pushed_back) {
                memmove(pushed_back + count, pushed_back, pushed_count);
                memcpy(pushed_back, bytes, count);
                pushed_count += count;
            }
            errno = EINTR;
            return -1;
        }
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t used = mbrtowc(out, bytes, count, &state);
        if (used == (size_t)-2) {
            if (count < sizeof bytes) continue;  // the rest of the character is still to come
            count = 0;
        } else if (used == (size_t)-1) {
            // Not a character: drop what was read, but keep a byte that may start the next one.
            if (count > 1) bytes[0] = bytes[count - 1];
            count = count > 1 ? 1 : 0;
        } else {
            return 1;
        }
    }
}

EditLine *zc_el_open(const char *program, void *client, unsigned char (*complete)(EditLine *, int), int (*stop)(void)) {
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (el == NULL) return NULL;
    stop_reading = stop;
    el_set(el, EL_GETCFN, read_char);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_PROMPT_ESC, prompt, '\1');
    el_set(el, EL_CLIENTDATA, client);
    el_set(el, EL_ADDFN, "zc-complete", "Complete a zctour command", complete);
    el_set(el, EL_BIND, "^I", "zc-complete", NULL);
    el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_set(el, EL_BIND, "^S", "em-inc-search-next", NULL);
    // Ctrl-Left/Right and Home/End as most terminals send them.
    el_set(el, EL_BIND, "\033[1;5D", "ed-prev-word", NULL);
    el_set(el, EL_BIND, "\033[1;5C", "em-next-word", NULL);
    el_set(el, EL_BIND, "\033[H", "ed-move-to-beg", NULL);
    el_set(el, EL_BIND, "\033[F", "ed-move-to-end", NULL);
    el_set(el, EL_BIND, "\033[3~", "ed-delete-next-char", NULL);
    el_source(el, NULL);  // the user's ~/.editrc, as every libedit program honours
    return el;
}

void *zc_el_client(EditLine *el) {
    void *client = NULL;
    el_get(el, EL_CLIENTDATA, &client);
    return client;
}

const char *zc_el_gets(EditLine *el, int *count) { return el_gets(el, count); }

int zc_el_insert(EditLine *el, const char *text) { return el_insertstr(el, text); }

int zc_el_text_before_cursor(EditLine *el, char *buffer, int size) {
    const LineInfo *line = el_line(el);
    int length = (int)(line->cursor - line->buffer);
    if (length >= size) length = size - 1;
    memcpy(buffer, line->buffer, (size_t)length);
    buffer[length] = 0;
    return length;
}

void zc_el_reset(EditLine *el) { el_reset(el); }

void zc_el_close(EditLine *el) { el_end(el); }

History *zc_history_open(int size, EditLine *el) {
    HistEvent event;
    History *h = history_init();
    if (h == NULL) return NULL;
    history(h, &event, H_SETSIZE, size);
    history(h, &event, H_SETUNIQUE, 1);
    if (el != NULL) el_set(el, EL_HIST, history, h);
    return h;
}

void zc_history_add(History *h, const char *line) {
    HistEvent event;
    history(h, &event, H_ENTER, line);
}

int zc_history_load_fd(History *h, int fd) {
    HistEvent event;
    char path[32];
    snprintf(path, sizeof path, "/dev/fd/%d", fd);
    return history(h, &event, H_LOAD, path) < 0 ? -1 : 0;
}

int zc_history_save_fd(History *h, int fd) {
    HistEvent event;
    int copy = dup(fd);
    if (copy < 0) return -1;
    FILE *file = fdopen(copy, "w");
    if (file == NULL) {
        close(copy);
        return -1;
    }
    int saved = history(h, &event, H_SAVE_FP, file);
    int failed = saved < 0 || fflush(file) != 0 || ferror(file);
    int error = errno;
    fclose(file);
    errno = error;
    return failed ? -1 : 0;
}

void zc_history_close(History *h) { history_end(h); }
