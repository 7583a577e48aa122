/* A department's whole disclosure as files: fonts chosen for the format's
 * roles, the document (from bg_derive_document, derived once for both
 * outputs) laid out and written. */
#ifndef BG_DISCLOSURE_H
#define BG_DISCLOSURE_H

#include "layout/fonts.h"
#include "model/document.h"
#include "render/atomic.h"

/* Writes the PDF of `doc` into the temporary `out` (bg_atomic_begin without
 * by_name), complete and on disk; the caller commits it, or aborts it. Font
 * substitutions are appended to `warnings` (of char*), in one line; *pages, when given,
 * receives the page count. Returns false with *error on failure, an I/O
 * failure when bg_atomic_io_failed(out). */
bool bg_render_pdf_into(const bg_doc *doc, bg_fonts *fonts, bg_atomic *out,
                        GPtrArray *warnings, int *pages, char **error);

/* The XLSX workbook of `doc`, one sheet a table, into `out` (begun with
 * by_name), the same way. It names the format's fonts, which its readers
 * have; a stand-in installed here only measures widths, so it warns of
 * nothing. */
bool bg_render_xlsx_into(const bg_doc *doc, bg_fonts *fonts, bg_atomic *out, char **error);

/* Each on its own, to `path`: on failure nothing is left at `path` but what
 * was there before. */
bool bg_render_pdf(const bg_doc *doc, bg_fonts *fonts, const char *path, GPtrArray *warnings,
                   int *pages, char **error);
bool bg_render_xlsx(const bg_doc *doc, bg_fonts *fonts, const char *path, char **error);

/* The creation date stamped in outputs: SOURCE_DATE_EPOCH when set, so that
 * reproducible builds agree; otherwise 1 January of the budget year, so that
 * the same input gives the same bytes. Caller frees. */
char *bg_output_date(const bg_doc *doc);

/* The same moment in seconds since 1970. */
gint64 bg_output_time(const bg_doc *doc);

/* The moment for files of budget year `year` (an index of a batch). */
gint64 bg_output_time_of(int year);

/* The moments SOURCE_DATE_EPOCH may name. Not before 1980: libxlsxwriter
 * reads 0 as "now" and stamps the current time, and a ZIP archive (an XLSX)
 * dates nothing earlier. Not after 9999-12-31T23:59:59Z: PDF and XLSX dates
 * have four-digit years (beyond, libxlsxwriter crashes). */
#define BG_EPOCH_FIRST G_GINT64_CONSTANT(315532800)   /* 1980-01-01T00:00:00Z */
#define BG_EPOCH_LAST G_GINT64_CONSTANT(253402300799) /* 9999-12-31T23:59:59Z */

/* Reads a SOURCE_DATE_EPOCH: decimal digits only (no sign, no spaces),
 * within the range above. False for anything else. */
bool bg_epoch_parse(const char *text, gint64 *out);

#endif
