/* Laying out a derived table on pages: column widths measured with Pango,
 * header rows repeated on every page, rows never split, merged cells kept
 * together where they fit and repeated where they must continue, the font
 * shrunk down to a minimum before anything is clipped. */
#ifndef BG_TABLE_LAYOUT_H
#define BG_TABLE_LAYOUT_H

#include "layout/page.h"
#include "layout/text.h"
#include "model/table.h"

typedef struct {
    PangoContext *ctx;
    const char *family;       /* cells */
    double size, min_size;    /* points */
    const char *title_family; /* the table's title */
    double title_size;
    bool title_bold;
    const GPtrArray *keep;    /* words labels never break inside */
    const GPtrArray *title_keep; /* and titles: the words and the department's name */
} bg_table_style;

/* Appends the pages of `t` to `pages` (of bg_page*). Returns false, with a
 * message naming the table in *error, when it cannot fit even at the
 * minimum size. */
bool bg_layout_table(const bg_table *t, const bg_table_style *st, GPtrArray *pages,
                     char **error);

/* The column widths (points, cell padding included) the table would take
 * at `st->size` in `avail` points, found as for the PDF: the narrowest
 * that break between words, then what is left to the columns where it
 * saves the most lines; with `stretch`, a table narrower than `avail` is
 * widened to it. False when even the narrowest do not fit. */
bool bg_table_column_widths(const bg_table *t, const bg_table_style *st, double avail,
                            bool stretch, double *widths);

#endif
