/* Reads a published disclosure from its PDF (the characters and their
 * boxes as poppler gives them, pdf_chars.c): every character with its box,
 * rebuilt into lines by position (top to bottom, left to right, a space
 * where a gap is wider than a character's fraction), then read as the plain
 * text is, each line's words keeping their boxes so that a table's cells
 * are placed in its columns by where they stand (src/input/published_grid.c). */
#include "input/published.h"

#include "input/pdf_chars.h"

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
    int line; /* the line of the text it is written on */
} glyph;

static int by_position(gconstpointer a, gconstpointer b)
{
    const glyph *g = a, *h = b;
    double ya = (g->y1 + g->y2) / 2, yb = (h->y1 + h->y2) / 2;
    if (dabs(ya - yb) > 0.5 * dmin(g->y2 - g->y1, h->y2 - h->y1))
        return ya < yb ? -1 : 1;
    return (g->x1 > h->x1) - (g->x1 < h->x1);
}

static int by_top(gconstpointer a, gconstpointer b)
{
    const glyph *g = a, *h = b;
    return (g->y1 > h->y1) - (g->y1 < h->y1);
}

static int by_left(gconstpointer a, gconstpointer b)
{
    const glyph *g = a, *h = b;
    return (g->x1 > h->x1) - (g->x1 < h->x1);
}

/* The page's words, each in `words` at the line its first character is
 * written on. A word is the characters of one baseline (the same top and
 * bottom) without a gap between them: built apart from the lines, whose
 * order cells of different heights side by side can mix up, so that an
 * amount is never cut in two. */
static void page_words(GArray *glyphs, GPtrArray *words)
{
    GArray *g = g_array_copy(glyphs);
    g_array_sort(g, by_top);
    for (guint i = 0; i < g->len;) {
        const glyph *first = &g_array_index(g, glyph, i);
        double h = first->y2 - first->y1;
        guint j = i + 1;
        while (j < g->len && g_array_index(g, glyph, j).y1 - first->y1 < 0.1 * h &&
               dabs((g_array_index(g, glyph, j).y2 - g_array_index(g, glyph, j).y1) - h) < 0.1 * h)
            j++;
        /* one baseline, left to right, cut at a gap: the characters of a
         * word abut, and cells without padding (a spreadsheet's) leave
         * less room between them than the lines' spaces */
        GArray *run = g_array_sized_new(FALSE, FALSE, sizeof(glyph), j - i);
        g_array_append_vals(run, &g_array_index(g, glyph, i), j - i);
        g_array_sort(run, by_left);
        GString *text = g_string_new(NULL);
        bg_pub_word w = {0};
        int line = 0;
        for (guint k = 0; k <= run->len; k++) {
            const glyph *c = k < run->len ? &g_array_index(run, glyph, k) : NULL;
            if (text->len && (!c || c->x1 - w.x2 > 0.1 * h)) {
                w.text = g_strdup(text->str);
                g_array_append_val((GArray *)words->pdata[line], w);
                g_string_truncate(text, 0);
            }
            if (!c)
                break;
            if (!text->len) {
                w = (bg_pub_word){NULL, c->x1, c->x2, c->y1, c->y2};
                line = c->line;
            }
            w.x2 = c->x2 > w.x2 ? c->x2 : w.x2;
            w.y1 = dmin(w.y1, c->y1);
            w.y2 = c->y2 > w.y2 ? c->y2 : w.y2;
            g_string_append_unichar(text, c->c);
        }
        g_string_free(text, TRUE);
        g_array_free(run, TRUE);
        i = j;
    }
    g_array_free(g, TRUE);
}

/* Appends the page's text, a line of the PDF a line; with `words`, one
 * entry of the line's words for each line written (page_words). */
static bool page_text(const bg_pdf_page *page, GString *out, GPtrArray *words)
{
    const char *text = page->text;
    const double *box = page->boxes;
    guint n = page->n;
    if (!text)
        return false;
    if (!n)
        return true; /* a page without text: nothing to add */
    GArray *glyphs = g_array_new(FALSE, FALSE, sizeof(glyph));
    guint i = 0;
    for (const char *p = text; *p && i < n; p = g_utf8_next_char(p), i++) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || box[4 * i + 3] <= box[4 * i + 1])
            continue;
        glyph g = {c, box[4 * i], box[4 * i + 1], box[4 * i + 2], box[4 * i + 3], 0};
        g_array_append_val(glyphs, g);
    }
    /* A stable sort into lines: characters of one line share a middle. */
    g_array_sort(glyphs, by_position);
    int line = words ? (int)words->len : 0;
    glyph *prev = NULL;
    for (guint k = 0; k < glyphs->len; k++) {
        glyph *g = &g_array_index(glyphs, glyph, k);
        if (prev) {
            double h = dmin(g->y2 - g->y1, prev->y2 - prev->y1);
            double ya = (g->y1 + g->y2) / 2, yb = (prev->y1 + prev->y2) / 2;
            if (dabs(ya - yb) > 0.5 * h) {
                g_string_append_c(out, '\n');
                line++;
            } else if (g->x1 - prev->x2 > 0.2 * h) {
                g_string_append_c(out, ' ');
            }
        }
        g_string_append_unichar(out, g->c);
        g->line = line;
        prev = g;
    }
    g_string_append(out, "\n\n");
    if (words) {
        /* the page's lines and the empty one after them */
        while ((int)words->len < line + 2)
            g_ptr_array_add(words, bg_pub_word_line_new());
        page_words(glyphs, words);
    }
    g_array_free(glyphs, TRUE);
    return true;
}

/* The text, and when `starts` is given the first line of each page and
 * in `words` each line's words. */
static char *pdf_text(const char *data, gsize len, GArray *starts, GPtrArray *words, char **error)
{
    *error = NULL;
    GPtrArray *pages = bg_pdf_pages(data, len, error);
    if (!pages)
        return NULL;
    GString *text = g_string_new(NULL);
    bool ok = true;
    int lines = 1;
    for (guint i = 0; i < pages->len && ok; i++) {
        if (starts)
            g_array_append_val(starts, lines);
        gsize before = text->len;
        ok = page_text(pages->pdata[i], text, words);
        for (gsize k = before; k < text->len; k++)
            lines += text->str[k] == '\n';
    }
    g_ptr_array_free(pages, TRUE);
    if (words) /* the line after the last newline */
        g_ptr_array_add(words, bg_pub_word_line_new());
    if (!ok) {
        *error = g_strdup("无法读取 PDF 的文字");
        g_string_free(text, TRUE);
        return NULL;
    }
    return g_string_free(text, FALSE);
}

char *bg_published_pdf_text(const char *data, gsize len, char **error)
{
    return pdf_text(data, len, NULL, NULL, error);
}

bg_published *bg_published_read_pdf(const char *file, const char *data, gsize len,
                                    bg_formats *formats, const char *templates_dir,
                                    const char *format_id, char **error)
{
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(int));
    GPtrArray *words = g_ptr_array_new_with_free_func(bg_pub_word_line_free);
    char *text = pdf_text(data, len, starts, words, error);
    bg_published *p = NULL;
    if (text) /* takes the pages and the words */
        p = bg_published_read_placed(file, text, strlen(text), starts, words, formats,
                                     templates_dir, format_id, error);
    else {
        g_array_free(starts, TRUE);
        g_ptr_array_unref(words);
    }
    g_free(text);
    return p;
}

bool bg_published_is_pdf(const char *data, gsize len)
{
    return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}
