/* Where Pango 1.50 would break a text at a given width, from one shaping
 * of it. Balancing a title or label searches for the narrowest box that
 * keeps its number of lines, and each width Pango tries costs a layout:
 * itemizing and shaping again, eight times a label. Its breaking, for
 * PANGO_WRAP_WORD, is a greedy fill over the characters' advances and its
 * break opportunities (pango-layout.c, process_item): a line ends at the
 * last opportunity whose text, less one space before it, fits; a word
 * wider than the line stands alone; a wrapped line's final space counts
 * nothing. The same arithmetic on the same advances gives the same lines;
 * text.c sets the result with Pango, which alone is drawn. */
#include "layout/breaks.h"

#include <glib.h>
#include <string.h>

struct bg_breaks {
    int n;               /* characters */
    int *w;              /* their advances, Pango units */
    bool *can, *white;   /* a break is allowed before character i; i is a space */
    int indent;          /* Pango units */
    PangoAlignment align;
};

bg_breaks *bg_breaks_new(PangoLayout *l)
{
    const char *text = pango_layout_get_text(l);
    if (strchr(text, '\t'))
        return NULL;
    PangoLayout *one = pango_layout_copy(l);
    pango_layout_set_width(one, -1);
    int n_attrs = 0;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(one, &n_attrs);
    bg_breaks *b = g_new0(bg_breaks, 1);
    b->n = (int)g_utf8_strlen(text, -1);
    b->w = g_new0(int, b->n + 1);
    b->can = g_new0(bool, b->n + 1);
    b->white = g_new0(bool, b->n + 1);
    b->align = pango_layout_get_alignment(l);
    /* a centred line ignores the indent, in its room as in its place */
    b->indent = b->align == PANGO_ALIGN_CENTER ? 0 : pango_layout_get_indent(l);
    bool ok = pango_layout_get_line_count(one) == 1 && n_attrs == b->n + 1;
    for (int i = 0; ok && i < b->n; i++) {
        ok = !attrs[i].is_mandatory_break || i == 0;
        b->can[i] = attrs[i].is_line_break;
        b->white[i] = attrs[i].is_white;
    }
    PangoLayoutLine *line = ok ? pango_layout_get_line_readonly(one, 0) : NULL;
    for (GSList *r = line ? line->runs : NULL; r && ok; r = r->next) {
        PangoGlyphItem *run = r->data;
        ok = run->item->analysis.level % 2 == 0;
        int first = (int)g_utf8_pointer_to_offset(text, text + run->item->offset);
        if (ok)
            pango_glyph_item_get_logical_widths(run, text, b->w + first);
    }
    g_object_unref(one);
    if (!ok) {
        bg_breaks_free(b);
        return NULL;
    }
    return b;
}

void bg_breaks_free(bg_breaks *b)
{
    if (!b)
        return;
    g_free(b->w);
    g_free(b->can);
    g_free(b->white);
    g_free(b);
}

/* Where Pango puts a line of `w` units in a layout `width` wide (its
 * get_x_offset): the right end of the line. */
static int line_end(const bg_breaks *b, int width, int w, bool first)
{
    int x = 0;
    if (b->align == PANGO_ALIGN_RIGHT) {
        x = width - w;
    } else if (b->align == PANGO_ALIGN_CENTER) {
        x = (width - w) / 2;
        if (((width | w) & (PANGO_SCALE - 1)) == 0)
            x = PANGO_UNITS_ROUND(x);
        return x + w;
    }
    if (first && b->indent > 0)
        x += b->align == PANGO_ALIGN_LEFT ? b->indent : -b->indent;
    else if (!first && b->indent < 0)
        x += b->align == PANGO_ALIGN_LEFT ? -b->indent : b->indent;
    return x + w;
}

bool bg_breaks_holds(const bg_breaks *b, int width, int lines)
{
    int s = 0, count = 0, widest = G_MININT;
    while (s < b->n || count == 0) {
        bool first = count == 0;
        int room = first ? (b->indent >= 0 ? width - b->indent : width)
                         : (b->indent >= 0 ? width : width + b->indent);
        int total = 0;
        for (int i = s; i < b->n; i++)
            total += b->w[i];
        int end_extra = b->n > s && b->white[b->n - 1] ? -b->w[b->n - 1] : 0;
        int at = b->n, line_w = total;
        if (total + end_extra > room) {
            /* the last opportunity whose text fits; else the first after */
            int sum = 0, brk = -1, brk_w = 0;
            for (int p = s; p <= b->n; p++) {
                int extra = p > s && b->white[p - 1] ? -b->w[p - 1] : 0;
                if (sum + extra > room && brk >= 0)
                    break;
                if (p > s && p < b->n && b->can[p]) {
                    brk = p;
                    brk_w = sum + extra;
                }
                if (p < b->n)
                    sum += b->w[p];
            }
            if (brk >= 0) {
                at = brk;
                line_w = brk_w;
            }
        }
        widest = MAX(widest, line_end(b, width, line_w, first));
        count++;
        if (count > lines)
            return false;
        s = at;
    }
    return count == lines && widest <= width;
}
