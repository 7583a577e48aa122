/* Reading an input text file whole: only a regular file (a pipe or a device
 * would block or never end), and only UTF-8 (libfyaml spins forever on some
 * invalid bytes, and a GBK file would print as garbage). */
#ifndef BG_TEXTFILE_H
#define BG_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/diag.h"

/* Reads `path` into *text (NUL-terminated; caller frees) and *len. On
 * failure adds "无法读取<what>：reason" to `diag` and returns false. */
bool bg_text_file_read(const char *path, const char *what, char **text, size_t *len,
                       bg_diag *diag);

/* Whether `path` is a regular file that can be opened for reading (for an
 * input read by a library, such as a workbook); otherwise adds "无法读取
 * <what>：reason" to `diag`. */
bool bg_file_check_regular(const char *path, const char *what, bg_diag *diag);

/* True when `text` is UTF-8 without NUL bytes; otherwise reports the first
 * bad byte with its line and column, under the name `name`. */
bool bg_text_check_utf8(const char *name, const char *text, size_t len, bg_diag *diag);

#endif
