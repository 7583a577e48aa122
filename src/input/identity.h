/* A department file's code and budget year, read without loading it. */
#ifndef BG_IDENTITY_H
#define BG_IDENTITY_H

#include <stdbool.h>

/* The `department:` mapping's code and year of a YAML or JSON department
 * file, read from its first events only; false when the file is of another
 * kind or the two are not plainly there (the file must then be loaded to
 * know). *code is the caller's to free. */
bool bg_read_identity(const char *path, char **code, int *year);

#endif
