/* Writing laid-out pages as a PDF with Cairo: fonts embedded and subset,
 * bookmarks, metadata, deterministic bytes, and an
 * atomic write (a temporary file renamed into place). */
#ifndef BG_PDF_H
#define BG_PDF_H

#include "layout/compose.h"
#include "render/atomic.h"

typedef struct {
    const char *title, *author, *subject;
    const char *date;        /* ISO 8601, for CreationDate and ModDate */
} bg_pdf_meta;

/* Writes `ld` into the temporary `out` (begun without by_name) and finishes
 * it (bg_atomic_finish); the caller commits or aborts it. On failure returns
 * false with *error; bg_atomic_io_failed(out) tells an I/O error. */
bool bg_write_pdf(bg_atomic *out, const bg_laid_doc *ld, const bg_pdf_meta *meta, char **error);

#endif
