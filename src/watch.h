/* `budgetgen watch`: re-render a department each time it is saved. */
#ifndef BG_WATCH_H
#define BG_WATCH_H

#include <stdbool.h>

#include "cli.h"

/* Renders `file` into `outdir`, then watches it and its format's files,
 * rendering again after each save, until a signal ends the run. Returns
 * only when the format can no longer be read (EXIT_USAGE). */
int cmd_watch(const char *file, const char *templates, const char *outdir, bool pdf, bool xlsx);

#endif
