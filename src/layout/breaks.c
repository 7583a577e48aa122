/* Where Pango 1.50 would break a text at a given width, from one shaping
 * of it. Balancing a title or label searches for the narrowest box that
 * keeps its number of lines, and each width Pango tries costs a layout:
 * itemizing and shaping again, eight times a label. Its breaking, for
 * PANGO_WRAP_WORD, is a greedy fill over the characters' advances and its
 * break opportunities (pango-layout.c, process_item): a line ends at the
 * last opportunity whose text, less one space before it, fits; a word
 * wider than the line stands alone, or with PANGO_WRAP_WORD_CHAR is broken
 * at the last character that fits; a wrapped line's final space counts
 * nothing; a centred line ignores the indent. The same arithmetic on the
 * same advances gives the same lines (tested against Pango's own layouts in
 * tests/unit/test_breaks.c); text.c sets the result with Pango, which alone
 * is drawn. */
#include "layout/breaks.h"

#include "layout/text.h"

#include <glib.h>
#include <string.h>

struct bg_breaks {
    int n;                    /* characters */
    gunichar *c;              /* the characters */
    int *w;                   /* their advances, Pango units */
    int *before;              /* the advances of the characters before i (n + 1) */
    bool *can, *can_char, *white; /* a line or a character break before i; i a space */
    int indent;               /* Pango units */
    PangoAlignment align;
};

/* The advance of each character of a layout's text, from its glyphs;
 * false when some of it runs right to left. */
static bool advances(PangoLayout *l, const char *text, int *w)
{
    bool ltr = true;
    for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next)
        for (GSList *r = ((PangoLayoutLine *)it->data)->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            ltr = ltr && run->item->analysis.level % 2 == 0;
            int first = (int)g_utf8_pointer_to_offset(text, text + run->item->offset);
            pango_glyph_item_get_logical_widths(run, text, w + first);
        }
    return ltr;
}

double bg_breaks_widest_piece(PangoLayout *l)
{
    const char *text = pango_layout_get_text(l);
    int n_attrs = 0;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(l, &n_attrs);
    int chars = (int)g_utf8_strlen(text, -1);
    int *w = g_new0(int, chars + 1);
    advances(l, text, w); /* (right to left too: a piece is its glyphs either way) */
    /* A piece runs from one break opportunity to the next, as a line of
     * PANGO_WRAP_WORD at width 1 holds it; like the line, it does not count
     * the spaces it ends with. */
    int widest = 0, piece = 0, white = 0;
    for (int i = 0; i < chars; i++) {
        if (i > 0 && i < n_attrs && (attrs[i].is_line_break || attrs[i].is_mandatory_break)) {
            widest = MAX(widest, piece);
            piece = white = 0;
        }
        if (i < n_attrs && attrs[i].is_white) {
            white += w[i];
        } else {
            piece += white + w[i];
            white = 0;
        }
    }
    widest = MAX(widest, piece);
    g_free(w);
    return (double)widest / PANGO_SCALE;
}

bg_breaks *bg_breaks_new(PangoLayout *l)
{
    const char *text = pango_layout_get_text(l);
    if (strchr(text, '\t'))
        return NULL;
    /* (a layout of one line already serves as it is) */
    PangoLayout *one = pango_layout_get_width(l) < 0 ? g_object_ref(l) : pango_layout_copy(l);
    pango_layout_set_width(one, -1);
    int n_attrs = 0;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(one, &n_attrs);
    bg_breaks *b = g_new0(bg_breaks, 1);
    b->n = (int)g_utf8_strlen(text, -1);
    b->c = g_new0(gunichar, b->n + 1);
    b->w = g_new0(int, b->n + 1);
    b->can = g_new0(bool, b->n + 1);
    b->can_char = g_new0(bool, b->n + 1);
    b->white = g_new0(bool, b->n + 1);
    b->align = pango_layout_get_alignment(l);
    /* a centred line ignores the indent, in its room as in its place */
    b->indent = b->align == PANGO_ALIGN_CENTER ? 0 : pango_layout_get_indent(l);
    bool ok = pango_layout_get_line_count(one) == 1 && n_attrs == b->n + 1;
    const char *p = text;
    for (int i = 0; ok && i < b->n; i++, p = g_utf8_next_char(p)) {
        ok = (!attrs[i].is_mandatory_break || i == 0) && !attrs[i].break_inserts_hyphen;
        b->c[i] = g_utf8_get_char(p);
        b->can[i] = attrs[i].is_line_break;
        b->can_char[i] = attrs[i].is_char_break;
        b->white[i] = attrs[i].is_white;
    }
    ok = ok && advances(one, text, b->w);
    g_object_unref(one);
    b->before = g_new0(int, b->n + 1);
    for (int i = 0; i < b->n; i++)
        b->before[i + 1] = b->before[i] + b->w[i];
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
    g_free(b->c);
    g_free(b->w);
    g_free(b->before);
    g_free(b->can);
    g_free(b->can_char);
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

/* Where the line from s ends at `room`, breaking before characters that
 * `can` allows: the last such place whose text fits, else the first after
 * (the line overflows); *line_w its width, less a space it ends with. */
static int line_break(const bg_breaks *b, const bool *can, int s, int room, int *line_w)
{
    int sum = 0, brk = -1, brk_w = 0;
    for (int p = s; p <= b->n; p++) {
        int extra = p > s && b->white[p - 1] ? -b->w[p - 1] : 0;
        if (sum + extra > room && brk >= 0)
            break;
        if (p > s && p < b->n && can[p]) {
            brk = p;
            brk_w = sum + extra;
        }
        if (p < b->n)
            sum += b->w[p];
    }
    if (brk < 0) {
        *line_w = sum;
        return b->n;
    }
    *line_w = brk_w;
    return brk;
}

bg_break_lines bg_breaks_set(const bg_breaks *b, int width, bool char_too)
{
    bg_break_lines r = {0, G_MININT, 0};
    int s = 0;
    while (s < b->n || r.lines == 0) {
        bool first = r.lines == 0;
        int room = first ? (b->indent >= 0 ? width - b->indent : width)
                         : (b->indent >= 0 ? width : width + b->indent);
        int total = b->before[b->n] - b->before[s];
        int end_extra = b->n > s && b->white[b->n - 1] ? -b->w[b->n - 1] : 0;
        int at = b->n, line_w = total;
        if (total + end_extra > room) {
            at = line_break(b, b->can, s, room, &line_w);
            /* no word fits: broken inside one, at a character */
            if (char_too && line_w > room)
                at = line_break(b, b->can_char, s, room, &line_w);
        }
        r.widest = MAX(r.widest, line_end(b, width, line_w, first));
        r.last = s;
        r.lines++;
        if (at <= s) /* (cannot happen: a line holds a character) */
            break;
        s = at;
    }
    return r;
}

bool bg_breaks_holds(const bg_breaks *b, int width, int lines)
{
    bg_break_lines r = bg_breaks_set(b, width, false);
    return r.lines == lines && r.widest <= width;
}

bool bg_breaks_orphan(const bg_breaks *b, int width)
{
    bg_break_lines r = bg_breaks_set(b, width, true);
    if (r.lines < 2)
        return false;
    int chars = 0;
    for (int i = r.last; i < b->n; i++)
        chars += !bg_text_closing(b->c[i]) && !g_unichar_isspace(b->c[i]);
    return chars <= 1;
}
