/* Writing an output file atomically: to a temporary file beside it, renamed
 * into place only when complete, so that a failure never leaves a
 * half-written file and never spoils the previous one. */
#ifndef BG_ATOMIC_H
#define BG_ATOMIC_H

#include <glib.h>
#include <stdbool.h>

/* A new empty temporary file beside `path` (same folder, so the rename
 * stays on one file system). Returns its name, or NULL with *error. */
char *bg_atomic_begin(const char *path, char **error);

/* Renames `tmp` to `path` (readable by all, as a publication is). On
 * failure removes `tmp` and returns false with *error. Frees `tmp`. */
bool bg_atomic_commit(char *tmp, const char *path, char **error);

/* Removes `tmp` and frees it. */
void bg_atomic_abort(char *tmp);

#endif
