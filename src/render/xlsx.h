/* The derived tables as an XLSX workbook (libxlsxwriter): one sheet a table,
 * amounts as numbers, totals as SUM formulas with their values cached,
 * merged headers; column widths chosen as the PDF's, every row as tall as
 * its text measured with Pango (Excel and WPS never fit merged rows); A4
 * printing one page wide while the text stays at 7 pt or more, else
 * across pages with the key columns repeated. */
#ifndef BG_XLSX_H
#define BG_XLSX_H

#include <glib.h>
#include <pango/pango.h>

#include "model/document.h"
#include "render/atomic.h"

typedef struct {
    const char *title, *author, *subject;
    gint64 created;        /* seconds since 1970, stamped in the file */
    const char *font;      /* the sheets' font, as Excel names it */
    PangoContext *ctx;     /* for measuring text */
    const char *measure_font; /* an installed family close to `font` */
} bg_xlsx_meta;

/* Writes the tables of `doc` into the temporary `out` (begun with by_name:
 * libxlsxwriter only writes by name) and finishes it; the caller commits or
 * aborts it. Every libxlsxwriter call is checked: the first failure fails
 * the whole workbook with its sheet, cell and lxw_strerror text in *error.
 * bg_atomic_io_failed(out) tells an I/O error from one in the content. */
bool bg_write_xlsx(bg_atomic *out, const bg_doc *doc, const bg_xlsx_meta *meta,
                   char **error);

#endif
