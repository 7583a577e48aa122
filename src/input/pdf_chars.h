/* The characters of a PDF's pages with their boxes, read by poppler in a
 * module of its own that only audit loads (see pdf_module.c). */
#ifndef BG_PDF_CHARS_H
#define BG_PDF_CHARS_H

#include <glib.h>

typedef struct {
    char *text;    /* the page's text, UTF-8, as poppler extracts it; NULL: unreadable */
    double *boxes; /* x1, y1, x2, y2 of each character of `text`, in points */
    guint n;       /* boxes (0: the page has no text layout) */
} bg_pdf_page;

void bg_pdf_page_free(gpointer p);

/* The pages of the PDF in `data` (of bg_pdf_page*), or NULL with *error
 * set (in Chinese) when it cannot be read. */
GPtrArray *bg_pdf_pages(const char *data, gsize len, char **error);

/* What the module exports: bg_pdf_pages, read by poppler. */
typedef GPtrArray *(*bg_pdf_reader)(const char *data, gsize len, char **error);
#define BG_PDF_MODULE_SYMBOL "bg_pdf_pages_read"
#define BG_PDF_MODULE_FILE "budgetgen-pdf.so"

#endif
