/* `budgetgen import`: the line items of a budget system's export (XLSX or
 * CSV, one row a budget line) as a department file. How the export's
 * columns and cells read is data: templates/imports/<mapping>.yaml. */
#ifndef BG_IMPORT_H
#define BG_IMPORT_H

#include "model/catalog.h"
#include "model/diag.h"

typedef struct {
    const char *templates;  /* holds imports/<mapping>.yaml */
    const char *mapping;    /* a name in templates/imports/ (default "standard"), or a file */
    const char *into;       /* a department file whose line items the export replaces, or NULL */
    /* Without `into`: the department the new file is of. */
    const char *code, *name, *format;
    int year;
} bg_import_opts;

/* The text of the department file to write: `into` with its line items
 * replaced by the export's (and the units and projects the export names
 * added; everything else, comments included, as it was), or a new file.
 * Line items are sorted, so that two exports of the same budget give the
 * same file. NULL, with every bad row's error in `diag` (file, sheet!cell,
 * field), when anything is wrong. Caller frees. */
char *bg_import(const char *export_path, const bg_import_opts *o, const bg_catalog *catalog,
                bg_diag *diag);

#endif
