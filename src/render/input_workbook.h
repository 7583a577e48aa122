/* The input workbook for a format: what `budgetgen template` writes. */
#ifndef BG_INPUT_WORKBOOK_WRITE_H
#define BG_INPUT_WORKBOOK_WRITE_H

#include <stdbool.h>

#include "model/catalog.h"
#include "model/format.h"

/* Writes the workbook to fill in for format `f` to `path` (atomically).
 * False with *error when it cannot. */
bool bg_write_input_workbook(const char *path, const bg_format *f, const bg_catalog *catalog,
                             char **error);

#endif
