/* Errors found in input, each with its place, collected rather than printed:
 * only main.c prints. Messages are Chinese, for the finance office. */
#ifndef BG_DIAG_H
#define BG_DIAG_H

#include <glib.h>

typedef struct {
    char *file;    /* as the user named it */
    int line;      /* 1-based; 0 when the error concerns the whole file */
    int column;    /* 1-based, in characters */
    char *field;   /* path of the field, e.g. "line_items[3].amount"; may be NULL */
    char *message; /* what is wrong, in Chinese */
    char *cell;    /* a spreadsheet's place instead of line:column: 预算明细!F17 */
} bg_error;

typedef struct {
    GPtrArray *errors; /* of bg_error*, in the order found */
} bg_diag;

bg_diag *bg_diag_new(void);
void bg_diag_free(bg_diag *d); /* accepts NULL */

/* Adds an error; `field` may be NULL. The strings are copied. */
void bg_diag_add(bg_diag *d, const char *file, int line, int column,
                 const char *field, const char *fmt, ...) G_GNUC_PRINTF(6, 7);

/* An error in a spreadsheet: sheet, row and column (1-based) named as a
 * cell address (预算明细!F17). */
void bg_diag_add_cell(bg_diag *d, const char *file, const char *sheet, int row, int column,
                      const char *field, const char *fmt, ...) G_GNUC_PRINTF(7, 8);

/* "B", "AA": the letters of a 1-based column. Caller frees. */
char *bg_column_letters(int column);

guint bg_diag_count(const bg_diag *d);

/* "file:line:column: 字段 field：message" (file:cell: … for a spreadsheet)
 * — caller frees. */
char *bg_error_format(const bg_error *e);

/* Sorts errors by file, line and column, keeping the order of equal places. */
void bg_diag_sort(bg_diag *d);

#endif
