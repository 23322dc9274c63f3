// Non-variadic wrappers for libedit's el_set() and history(), which Swift cannot call. libedit
// itself (its headers and the library) comes through the CEditLine system library target, the
// one place it is linked; this target only depends on it.
#ifndef ZCTOUR_CEDITLINESHIMS_H
#define ZCTOUR_CEDITLINESHIMS_H

// The same opaque types <histedit.h> declares, so that Swift sees one pointer type whichever
// module it meets them in.
typedef struct editline EditLine;
typedef struct history History;

/// Opens an editor on the terminal: emacs bindings, libedit's signal handling on, the prompt
/// from `zc_el_set_prompt` (with \1 around escape sequences), Ctrl-R for incremental history
/// search, and `complete` bound to Tab. `client` is handed back by `zc_el_client`. Once `stop`
/// returns non-zero (a signal is pending), reading fails with EINTR and el_gets returns, in
/// whatever mode the editor is (a search, vi's command mode, a quoted insert).
EditLine *zc_el_open(const char *program, void *client, unsigned char (*complete)(EditLine *, int), int (*stop)(void));
void zc_el_set_prompt(const char *prompt);
void *zc_el_client(EditLine *el);
/// The line typed, or NULL with *count 0 at end of input and -1 on error (errno EINTR when a
/// signal interrupted the read).
const char *zc_el_gets(EditLine *el, int *count);
/// Inserts text at the cursor (for completion).
int zc_el_insert(EditLine *el, const char *text);
/// The text before the cursor, copied into `buffer` (NUL-terminated); returns its length.
int zc_el_text_before_cursor(EditLine *el, char *buffer, int size);
void zc_el_reset(EditLine *el);
void zc_el_close(EditLine *el);

/// A history of at most `size` entries that skips an entry equal to the one before it.
History *zc_history_open(int size, EditLine *el);
void zc_history_add(History *history, const char *line);
/// Loads the history from an open file: through /dev/fd/N, so libedit reads the file already
/// opened (without following a link) rather than whatever the path names by then. -1 on failure.
int zc_history_load_fd(History *history, int fd);
/// Writes the history, in libedit's own format, to an open file (a temporary file that is then
/// renamed into place); 0, or -1 with errno when a write failed.
int zc_history_save_fd(History *history, int fd);
void zc_history_close(History *history);

#endif
