#include "ceditlineshims.h"
#include <errno.h>
#include <histedit.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char prompt_text[512] = "zctour> ";

static char *prompt(EditLine *el) {
    (void)el;
    return prompt_text;
}

void zc_el_set_prompt(const char *text) {
    strncpy(prompt_text, text, sizeof prompt_text - 1);
    prompt_text[sizeof prompt_text - 1] = 0;
}

EditLine *zc_el_open(const char *program, void *client, unsigned char (*complete)(EditLine *, int)) {
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (el == NULL) return NULL;
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
