/* A derived table, ready to lay out or write: a header of spanning cells and
 * rows of cells. It knows nothing of budgets; every renderer reads this. */
#ifndef BG_TABLE_H
#define BG_TABLE_H

#include <glib.h>
#include <stdbool.h>

#include "model/money.h"

typedef struct {
    char *text;
    int row, col;          /* top-left position in the header grid */
    int rowspan, colspan;
} bg_header_cell;

typedef enum { BG_COL_TEXT, BG_COL_AMOUNT } bg_col_kind;

typedef struct {
    char *text;      /* exactly as displayed */
    bool has_value;  /* an amount cell */
    bg_money value;  /* exact, in 分 */
    int rowspan, colspan; /* a merged cell spans these (0 counts as 1) */
    bool covered;    /* inside another cell's span: not drawn */
} bg_cell;

/* HEAD rows head what follows (a form's column labels): they are kept on
 * the page of the row after them. */
typedef enum { BG_ROW_BODY, BG_ROW_TOTAL, BG_ROW_GROUP, BG_ROW_HEAD } bg_row_kind;

typedef struct {
    bg_row_kind kind; /* totals and group rows (a unit) may be set off */
    bg_cell *cells;   /* n_cols of them */
    /* Where the row stands in a hierarchy of sums, or -1 outside one. A row
     * is the sum of the rows after it, up to the next row of its level or
     * above, that stand at the nearest level below it: 合计 (0) of the
     * department (1) or its units (2), each of its 项 rows (3). */
    int level;
} bg_row;

typedef struct {
    char *id;        /* unique within its format: "5-2" */
    char *number;    /* as printed: "5" */
    char *title;
    /* Which of several tables of one number this is (a per-project form:
     * its project's name), for the contents, bookmarks and sheet names;
     * NULL for a table of its own. */
    char *caption;
    char *subtitle;  /* under the title, e.g. （2021年度）; may be NULL */
    char *unit_line; /* 单位：元, at the right above the table */
    char *unit_left; /* at the left of the same line (部门名称：…), or NULL */
    char *corner;    /* above the title at the left (预算01表), or NULL */
    char *money_unit; /* 元 or 万元 */
    int money_decimals;
    bool money_grouping, money_trim; /* thousands separators; trailing zeros dropped */
    int n_cols;
    bg_col_kind *col_kinds;
    /* Text columns of counts (采购数量): right-aligned like amounts, and
     * numbers in a spreadsheet. */
    bool *col_counts;
    /* For each column, the columns it is the sum of (a GArray of int), or
     * NULL: what a spreadsheet writes as a formula along the row. */
    GArray **col_sums;
    int header_rows;
    GPtrArray *header; /* of bg_header_cell*, row by row, left to right */
    GPtrArray *rows;   /* of bg_row* */
    GPtrArray *notes;  /* of char*, printed under the table */
    bool empty;        /* no amount in it: its empty remark is among the notes */
    bool form;         /* a form: no header, merged label cells in the body */
} bg_table;

bg_table *bg_table_new(int n_cols);
void bg_table_free(gpointer t); /* accepts NULL */

/* Appends an empty row of the table's width; the table owns it. */
bg_row *bg_table_add_row(bg_table *t, bg_row_kind kind);
void bg_cell_set_text(bg_cell *c, const char *text);

#endif
