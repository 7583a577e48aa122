/* Writing laid-out pages as a PDF with Cairo: fonts embedded and subset,
 * bookmarks, metadata, deterministic bytes, and an
 * atomic write (a temporary file renamed into place). */
#ifndef BG_PDF_H
#define BG_PDF_H

#include "layout/compose.h"

typedef struct {
    const char *title, *author, *subject;
    const char *date;        /* ISO 8601, for CreationDate and ModDate */
} bg_pdf_meta;

/* Writes `ld` to `path`. On failure returns false with *error and leaves
 * any file already at `path` untouched. */
bool bg_write_pdf(const char *path, const bg_laid_doc *ld, const bg_pdf_meta *meta,
                  char **error);

#endif
