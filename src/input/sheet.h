/* Spreadsheets as grids of text: the sheets of an XLSX workbook (read with
 * libzip and libxml2) or one CSV file. Every cell is its text exactly as
 * stored — a number is the decimal string the file holds, never a double —
 * so that amounts are read exactly. */
#ifndef BG_SHEET_H
#define BG_SHEET_H

#include <glib.h>

#include "model/diag.h"

typedef struct {
    char *name;      /* the sheet's name; NULL for a CSV file */
    GPtrArray *rows; /* of GPtrArray of char* (NULL for an empty cell); row i is row i + 1 */
} bg_sheet;

void bg_sheet_free(gpointer s);

/* The cell at 0-based row r and column c, or NULL. */
const char *bg_sheet_cell(const bg_sheet *s, guint r, guint c);

/* The sheets of `path`: an .xlsx workbook's, in order, or a .csv file (UTF-8,
 * with or without a byte-order mark, or GB18030 as Chinese Excel saves it)
 * as one sheet. NULL with an error in `diag` when it cannot be read. */
GPtrArray *bg_sheets_read(const char *path, bg_diag *diag);

#endif
