/* Reads a published disclosure from its PDF with poppler's GLib library:
 * every character with its box, rebuilt into lines by position (top to
 * bottom, left to right, a space where a gap is wider than a character's
 * fraction), then read as the plain text is. A table's grid is not
 * rebuilt into columns: its lines read as space-separated words, whose
 * amounts are placed only when a row prints every amount column. */
#include "input/published.h"

#include <poppler.h>
#include <string.h>

/* Without libm: the two it would give. */
static double dmin(double a, double b)
{
    return a < b ? a : b;
}

static double dabs(double a)
{
    return a < 0 ? -a : a;
}

typedef struct {
    gunichar c;
    double x1, y1, x2, y2;
} glyph;

static int by_position(gconstpointer a, gconstpointer b)
{
    const glyph *g = a, *h = b;
    double ya = (g->y1 + g->y2) / 2, yb = (h->y1 + h->y2) / 2;
    if (dabs(ya - yb) > 0.5 * dmin(g->y2 - g->y1, h->y2 - h->y1))
        return ya < yb ? -1 : 1;
    return (g->x1 > h->x1) - (g->x1 < h->x1);
}

/* Appends the page's text, a line of the PDF a line. */
static bool page_text(PopplerPage *page, GString *out)
{
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint n = 0;
    if (!text)
        return false;
    if (!poppler_page_get_text_layout(page, &rects, &n)) {
        g_free(text);
        return true; /* a page without text: nothing to add */
    }
    GArray *glyphs = g_array_new(FALSE, FALSE, sizeof(glyph));
    guint i = 0;
    for (const char *p = text; *p && i < n; p = g_utf8_next_char(p), i++) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || rects[i].y2 <= rects[i].y1)
            continue;
        glyph g = {c, rects[i].x1, rects[i].y1, rects[i].x2, rects[i].y2};
        g_array_append_val(glyphs, g);
    }
    /* A stable sort into lines: characters of one line share a middle. */
    g_array_sort(glyphs, by_position);
    const glyph *prev = NULL;
    for (guint k = 0; k < glyphs->len; k++) {
        const glyph *g = &g_array_index(glyphs, glyph, k);
        if (prev) {
            double h = dmin(g->y2 - g->y1, prev->y2 - prev->y1);
            double ya = (g->y1 + g->y2) / 2, yb = (prev->y1 + prev->y2) / 2;
            if (dabs(ya - yb) > 0.5 * h)
                g_string_append_c(out, '\n');
            else if (g->x1 - prev->x2 > 0.2 * h)
                g_string_append_c(out, ' ');
        }
        g_string_append_unichar(out, g->c);
        prev = g;
    }
    g_string_append(out, "\n\n");
    g_array_free(glyphs, TRUE);
    g_free(rects);
    g_free(text);
    return true;
}

/* The text, and when `starts` is given the first line of each page. */
static char *pdf_text(const char *data, gsize len, GArray *starts, char **error)
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
    GString *text = g_string_new(NULL);
    int pages = poppler_document_get_n_pages(doc);
    bool ok = true;
    int lines = 1;
    for (int i = 0; i < pages && ok; i++) {
        if (starts)
            g_array_append_val(starts, lines);
        gsize before = text->len;
        PopplerPage *page = poppler_document_get_page(doc, i);
        ok = page && page_text(page, text);
        if (page)
            g_object_unref(page);
        for (gsize k = before; k < text->len; k++)
            lines += text->str[k] == '\n';
    }
    g_object_unref(doc);
    if (!ok) {
        *error = g_strdup("无法读取 PDF 的文字");
        g_string_free(text, TRUE);
        return NULL;
    }
    return g_string_free(text, FALSE);
}

char *bg_published_pdf_text(const char *data, gsize len, char **error)
{
    return pdf_text(data, len, NULL, error);
}

bg_published *bg_published_read_pdf(const char *file, const char *data, gsize len,
                                    bg_formats *formats, const char *templates_dir,
                                    const char *format_id, char **error)
{
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(int));
    char *text = pdf_text(data, len, starts, error);
    bg_published *p = text ? bg_published_read_text(file, text, strlen(text), formats,
                                                     templates_dir, format_id, error)
                           : NULL;
    if (p)
        p->page_starts = starts;
    else
        g_array_free(starts, TRUE);
    g_free(text);
    return p;
}

bool bg_published_is_pdf(const char *data, gsize len)
{
    return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}
