/* The one file that speaks to poppler: a PDF's pages as text and character
 * boxes. It is built as a module of its own (build/budgetgen-pdf.so),
 * loaded by pdf_module.c when audit first reads a PDF, because poppler
 * and the seventeen libraries it brings (NSS, LCMS, TIFF, OpenJPEG …) cost
 * every run of budgetgen 15–20 ms to load, and only audit needs them. */
#include "input/pdf_chars.h"

#include <poppler.h>

/* Exported from the module; in the test binaries linked in directly. */
GPtrArray *bg_pdf_pages_read(const char *data, gsize len, char **error);

GPtrArray *bg_pdf_pages_read(const char *data, gsize len, char **error)
{
    *error = NULL;
    GError *err = NULL;
    GBytes *bytes = g_bytes_new(data, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    g_bytes_unref(bytes);
    if (!doc) {
        *error = g_strdup_printf("无法读取 PDF：%s", err ? err->message : "未知错误");
        g_clear_error(&err);
        return NULL;
    }
    GPtrArray *pages = g_ptr_array_new_with_free_func(bg_pdf_page_free);
    int n = poppler_document_get_n_pages(doc);
    for (int i = 0; i < n; i++) {
        bg_pdf_page *pg = g_new0(bg_pdf_page, 1);
        PopplerPage *page = poppler_document_get_page(doc, i);
        pg->text = page ? poppler_page_get_text(page) : NULL;
        PopplerRectangle *rects = NULL;
        guint k = 0;
        if (pg->text && poppler_page_get_text_layout(page, &rects, &k)) {
            pg->boxes = g_new(double, 4 * (gsize)k);
            for (guint j = 0; j < k; j++) {
                pg->boxes[4 * j] = rects[j].x1;
                pg->boxes[4 * j + 1] = rects[j].y1;
                pg->boxes[4 * j + 2] = rects[j].x2;
                pg->boxes[4 * j + 3] = rects[j].y2;
            }
            pg->n = k;
            g_free(rects);
        }
        if (page)
            g_object_unref(page);
        g_ptr_array_add(pages, pg);
    }
    g_object_unref(doc);
    return pages;
}
