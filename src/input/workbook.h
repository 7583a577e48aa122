/* Reading the input workbook (部门预算录入.xlsx, written by `budgetgen
 * template`) as a department file: its sheets become the YAML the loader
 * reads, every line of which remembers the cell it came from, so that the
 * loader's checks and messages apply unchanged and point at cells. */
#ifndef BG_INPUT_WORKBOOK_H
#define BG_INPUT_WORKBOOK_H

#include <glib.h>

#include "model/diag.h"

/* Where a line of the YAML came from. */
typedef struct {
    const char *sheet; /* static: a name of bg_wb_sheets */
    int row, column;   /* 1-based; 0 when the line is the sheet's own */
} bg_wb_place;

/* The department file that `path` holds, as YAML text; places[i] is where
 * line i + 1 of it came from (a GArray of bg_wb_place). NULL with errors in
 * `diag` when the workbook cannot be read. Caller frees both. */
char *bg_workbook_yaml(const char *path, GArray **places, bg_diag *diag);

/* Moves the errors of `from` (positioned in the YAML) to `to`, positioned
 * at the cells the lines came from, in the workbook `path`. */
void bg_workbook_errors(const char *path, const GArray *places, bg_diag *from, bg_diag *to);

#endif
