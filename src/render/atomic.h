/* Writing an output file atomically: to a temporary beside it, made durable
 * and renamed into place only when complete, so that a failure never leaves
 * a half-written file and never spoils the previous one; and removing the
 * temporaries when a signal ends the run, or when a run killed outright
 * (kill -9) left them. What this guarantees is said in the README. */
#ifndef BG_ATOMIC_H
#define BG_ATOMIC_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct bg_atomic bg_atomic;

/* Call once at start, before any thread: reads the umask (which can only be
 * read by setting it) for the mode of the files written. */
void bg_atomic_init(void);

/* Starts writing `path`: a new temporary `.NAME.XXXXXX` in the same folder
 * (so that the rename stays on one file system), private (0600) until
 * committed, written through bg_atomic_fd. With `by_name`, for a library
 * that can only write a file by its name, the temporary is instead a private
 * folder (0700) of that name, in which the library writes
 * bg_atomic_temp_path(): no other user can put a symlink there. Registered
 * for bg_atomic_remove_all until committed or aborted. Returns NULL with
 * *error when the temporary cannot be made. */
bg_atomic *bg_atomic_begin(const char *path, bool by_name, char **error);

const char *bg_atomic_path(const bg_atomic *a);
/* The file to write: the temporary, or for `by_name` the file in it. */
const char *bg_atomic_temp_path(const bg_atomic *a);
/* The temporary's descriptor; -1 for `by_name`. */
int bg_atomic_fd(const bg_atomic *a);

/* Writes all of `data` to the temporary (retrying short writes). False when
 * it failed; the error is kept for bg_atomic_finish. */
bool bg_atomic_write(bg_atomic *a, const void *data, size_t len);

/* Marks the output failed by an I/O error found by its writer (a library
 * reporting a write failure), so that bg_atomic_io_failed tells it from
 * an error in the content. */
void bg_atomic_set_io_failed(bg_atomic *a);
bool bg_atomic_io_failed(const bg_atomic *a);

/* The file is complete: reports a write error kept by bg_atomic_write, then
 * flushes it to disk (fsync) and gives it the mode of a new file (0666 less
 * the umask). False with *error on any failure (an I/O error). */
bool bg_atomic_finish(bg_atomic *a, char **error);

/* Whether the final path can take the file: false with *error when it is a
 * folder. Checked for every output of a department before any is renamed. */
bool bg_atomic_can_commit(bg_atomic *a, char **error);

/* Renames the finished temporary onto the path (a reader sees the old file
 * or the new, whole), flushes the folder, and frees `a`. On failure removes
 * the temporary and returns false with *error. */
bool bg_atomic_commit(bg_atomic *a, char **error);

/* Removes the temporary and frees `a`; accepts NULL. */
void bg_atomic_abort(bg_atomic *a);

/* Removes every temporary not yet committed or aborted. Async-signal-safe:
 * for a signal handler, before the signal's default action ends the run. */
void bg_atomic_remove_all(void);

/* Removes the temporaries of `path` (`.NAME.XXXXXX`, file or folder) that a
 * run killed outright left behind: those of this user that no running
 * budgetgen holds (each holds a lock on its own while it writes). */
void bg_atomic_remove_stale(const char *path);

/* Makes `dir` (and its parents) for outputs, or says why it cannot be used:
 * a file where a folder should be, a dangling symlink, no permission. */
bool bg_atomic_output_dir(const char *dir, char **error);

#endif
