/* Chinese line composition on top of Pango: Pango breaks lines by UAX #14,
 * which knows 避头尾 but splits "2021/年", breaks titles inside words,
 * leaves single characters on last lines and, when justifying, spaces out
 * digits. Each of those is corrected here, before the layout is drawn. */
#include "layout/text.h"

#include "layout/breaks.h"
#include "layout/memo.h"

#include <string.h>

static GQuark dx_quark(void)
{
    static GQuark q;
    if (!q)
        q = g_quark_from_static_string("bg-text-dx");
    return q;
}

/* ---- characters --------------------------------------------------------- */

static bool is_digit(gunichar c)
{
    return c >= '0' && c <= '9';
}

static bool is_han(gunichar c)
{
    return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
}

/* Ideographs, kana and full-width punctuation: the characters between
 * which Chinese text takes its justification. Curly quotes and the dash
 * are full width in a CJK font. */
static bool is_cjk(gunichar c)
{
    if (c == 0x2014 || c == 0x2026 || (c >= 0x2018 && c <= 0x201F) || c == 0x00B7)
        return true;
    return g_unichar_iswide(c) && !g_unichar_isspace(c);
}

bool bg_text_closing(gunichar c)
{
    return c && g_utf8_strchr("，。、；：？！）》」』】〕”’…", -1, c) != NULL;
}

/* ---- what must stay on one line ----------------------------------------- */

/* Ranges of the text kept on one line, as byte offsets. */
typedef struct {
    guint start, end;
} range;

static void keep_range(GArray *keep, gsize start, gsize end)
{
    range r = {(guint)start, (guint)end};
    g_array_append_val(keep, r);
}

static gint by_start(gconstpointer a, gconstpointer b)
{
    const range *x = a, *y = b;
    return x->start != y->start ? (x->start < y->start ? -1 : 1)
                                : (x->end < y->end ? -1 : x->end > y->end);
}

/* Pango allows a break where one no-break attribute ends and another
 * begins, even inside a third that spans both: overlapping ranges are
 * merged first, touching ones kept apart (a break between two words). */
static void apply_keeps(PangoAttrList *attrs, GArray *keep)
{
    g_array_sort(keep, by_start);
    for (guint i = 0; i < keep->len;) {
        range r = g_array_index(keep, range, i++);
        while (i < keep->len && g_array_index(keep, range, i).start < r.end) {
            r.end = MAX(r.end, g_array_index(keep, range, i).end);
            i++;
        }
        PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
        a->start_index = r.start;
        a->end_index = r.end;
        pango_attr_list_insert(attrs, a);
    }
}

/* A number with what belongs to it: its decimal point and separators, %,
 * the brackets of a document number (〔2018〕22号), and the unit or measure
 * word after it (2021年, 20台, 5.6万元): no line breaks inside, where it
 * fits on a line of `width` points (any width when it is not positive): a
 * longer string of digits kept whole would run off the page. */
static void keep_numbers(GArray *attrs, const char *text, double width, double size)
{
    const char *p = text;
    while (*p) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        bool opens = c == 0x3014 && is_digit(g_utf8_get_char(next)); /* 〔 */
        if (!is_digit(c) && !opens) {
            p = next;
            continue;
        }
        const char *start = p, *q = p;
        for (;;) {
            gunichar d = g_utf8_get_char(q);
            const char *after = g_utf8_next_char(q);
            gunichar e = *q ? g_utf8_get_char(after) : 0;
            if (is_digit(d) || d == 0x3014 || d == 0x3015 || d == '%' || d == 0xFF05 ||
                d == 0x2030)
                q = after;
            else if ((d == '.' || d == ',' || d == ':') && is_digit(e))
                q = after;
            else
                break;
        }
        const char *end = q;
        gunichar u = g_utf8_get_char(q);
        if (*q && is_han(u)) {
            end = g_utf8_next_char(q);
            /* 万元, 亿元, 万人: the unit is two characters */
            if ((u == 0x4E07 || u == 0x4EBF || u == 0x5343 || u == 0x767E) && *end &&
                is_han(g_utf8_get_char(end)))
                end = g_utf8_next_char(end);
        }
        glong n = g_utf8_strlen(start, end - start);
        /* a digit is half an em at most; the unit a whole one */
        if (n > 1 && (width <= 0 || (double)n * size * 0.6 + size <= width))
            keep_range(attrs, (gsize)(start - text), (gsize)(end - text));
        p = end > q ? end : q;
    }
}

/* Words of `words` in `text`, each kept whole where it fits on a line
 * (`width` points; any width when it is not positive). */
static void keep_words(GArray *attrs, const char *text, const GPtrArray *words,
                       double width, double size)
{
    if (!words)
        return;
    for (guint i = 0; i < words->len; i++) {
        const char *w = words->pdata[i];
        gsize n = strlen(w);
        if (n == 0 || (width > 0 && (double)g_utf8_strlen(w, -1) * size > width))
            continue;
        for (const char *p = strstr(text, w); p; p = strstr(p + 1, w))
            keep_range(attrs, (gsize)(p - text), (gsize)(p - text) + n);
    }
}

/* ---- measuring ---------------------------------------------------------- */

static double widest(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)(logical.x + logical.width) / PANGO_SCALE;
}

bool bg_text_orphan(PangoLayout *l)
{
    const char *text = pango_layout_get_text(l);
    int in_paragraph = 0; /* lines of the current paragraph so far */
    for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next) {
        PangoLayoutLine *line = it->data;
        PangoLayoutLine *next = it->next ? it->next->data : NULL;
        in_paragraph = line->is_paragraph_start ? 1 : in_paragraph + 1;
        if (in_paragraph < 2 || (next && !next->is_paragraph_start))
            continue;
        const char *p = text + line->start_index, *end = p + line->length;
        int chars = 0;
        for (; p < end; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (!bg_text_closing(c) && !g_unichar_isspace(c))
                chars++;
        }
        if (chars <= 1)
            return true;
    }
    return false;
}

/* Whether the text set at width w keeps `lines` lines, none wider than w. */
static bool holds(PangoLayout *l, double w, int lines)
{
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    return pango_layout_get_line_count(l) == lines && widest(l) <= w;
}

/* holds(), from the breaks worked out when there are (breaks.c; tested to
 * agree with Pango in tests/unit/test_breaks.c). */
static bool holds_at(PangoLayout *l, const bg_breaks *bk, double w, int lines)
{
    return bk ? bg_breaks_holds(bk, (int)(w * PANGO_SCALE), lines) : holds(l, w, lines);
}

/* ---- justification ------------------------------------------------------ */

typedef struct {
    PangoGlyphInfo *glyph; /* the cluster's last glyph: its advance takes the space */
    gunichar first, last;
} cluster;

/* The space a gap between two characters may take: full between CJK
 * characters, a quarter em at most between CJK and Latin or digits, none
 * inside a number or a word, nor at an ASCII space (fixed). */
typedef enum { GAP_NONE, GAP_MIXED, GAP_FULL } gap_kind;

static gap_kind gap_between(gunichar a, gunichar b)
{
    if (g_unichar_isspace(a) || g_unichar_isspace(b))
        return GAP_NONE;
    bool ca = is_cjk(a), cb = is_cjk(b);
    if (ca && cb)
        return GAP_FULL;
    if (ca || cb)
        return GAP_MIXED;
    return GAP_NONE;
}

static void justify_line(PangoLayoutLine *line, const char *text, double target, double em)
{
    PangoRectangle r;
    pango_layout_line_get_extents(line, NULL, &r);
    double extra = target - (double)r.width / PANGO_SCALE;
    if (extra <= 0.01)
        return;
    GArray *cl = g_array_new(FALSE, FALSE, sizeof(cluster));
    for (GSList *rl = line->runs; rl; rl = rl->next) {
        PangoGlyphItem *gi = rl->data;
        PangoGlyphString *gs = gi->glyphs;
        const char *base = text + gi->item->offset;
        for (int i = 0; i < gs->num_glyphs;) {
            int c = gs->log_clusters[i], j = i;
            while (j + 1 < gs->num_glyphs && gs->log_clusters[j + 1] == c)
                j++;
            int end = j + 1 < gs->num_glyphs ? gs->log_clusters[j + 1] : gi->item->length;
            if (end <= c)
                end = gi->item->length; /* not left to right: treat as one */
            cluster k = {.glyph = &gs->glyphs[j],
                         .first = g_utf8_get_char(base + c),
                         .last = g_utf8_get_char(g_utf8_find_prev_char(base, base + end))};
            g_array_append_val(cl, k);
            i = j + 1;
        }
    }
    int full = 0, mixed = 0;
    for (guint k = 0; k + 1 < cl->len; k++) {
        gap_kind g = gap_between(g_array_index(cl, cluster, k).last,
                                 g_array_index(cl, cluster, k + 1).first);
        full += g == GAP_FULL;
        mixed += g == GAP_MIXED;
    }
    if (full + mixed > 0) {
        double cap = em / 4, each = extra / (full + mixed), each_full = each, each_mixed = each;
        if (mixed && each > cap) {
            each_mixed = cap;
            each_full = full ? (extra - mixed * cap) / full : 0;
        }
        /* Whole Pango units, the rounding carried so the line ends flush. */
        double done = 0;
        int given = 0;
        for (guint k = 0; k + 1 < cl->len; k++) {
            cluster *a = &g_array_index(cl, cluster, k);
            gap_kind g = gap_between(a->last, g_array_index(cl, cluster, k + 1).first);
            if (g == GAP_NONE)
                continue;
            done += g == GAP_FULL ? each_full : each_mixed;
            int units = (int)(done * PANGO_SCALE + 0.5) - given;
            a->glyph->geometry.width += units;
            given += units;
        }
    }
    g_array_free(cl, TRUE);
}

/* Fills every line but a paragraph's last to `width`. */
static void justify(PangoLayout *l, double width, double indent, double em)
{
    const char *text = pango_layout_get_text(l);
    GSList *lines = pango_layout_get_lines(l);
    for (GSList *it = lines; it; it = it->next) {
        PangoLayoutLine *line = it->data;
        PangoLayoutLine *next = it->next ? it->next->data : NULL;
        if (!next || next->is_paragraph_start)
            continue;
        justify_line(line, text, width - (line->is_paragraph_start ? indent : 0), em);
    }
}

/* ---- a paragraph loosened or tightened ------------------------------------ */

/* The byte ranges of the paragraphs of `l` whose last line is a 孤字. */
static GArray *orphaned(PangoLayout *l)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(range));
    const char *text = pango_layout_get_text(l);
    range cur = {0, 0};
    int in_paragraph = 0;
    for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next) {
        PangoLayoutLine *line = it->data;
        PangoLayoutLine *next = it->next ? it->next->data : NULL;
        if (line->is_paragraph_start) {
            cur.start = (guint)line->start_index;
            in_paragraph = 0;
        }
        in_paragraph++;
        if (next && !next->is_paragraph_start)
            continue;
        cur.end = (guint)(line->start_index + line->length);
        const char *p = text + line->start_index, *end = p + line->length;
        int chars = 0;
        for (; p < end; p = g_utf8_next_char(p))
            if (!bg_text_closing(g_utf8_get_char(p)) && !g_unichar_isspace(g_utf8_get_char(p)))
                chars++;
        if (in_paragraph >= 2 && chars <= 1)
            g_array_append_val(out, cur);
    }
    return out;
}

/* Letter spacing `delta` (Pango units) between the CJK characters of
 * [start, end), never inside a number or a word. */
static void space_cjk(PangoAttrList *attrs, const char *text, range r, int delta)
{
    const char *p = text + r.start, *end = text + r.end;
    while (p < end) {
        if (!is_cjk(g_utf8_get_char(p))) {
            p = g_utf8_next_char(p);
            continue;
        }
        const char *q = p;
        while (q < end && is_cjk(g_utf8_get_char(q)))
            q = g_utf8_next_char(q);
        PangoAttribute *a = pango_attr_letter_spacing_new(delta);
        a->start_index = (guint)(p - text);
        a->end_index = (guint)(q - text);
        pango_attr_list_insert(attrs, a);
        p = q;
    }
}

/* Where narrowing the whole box cannot help (a cell of several
 * paragraphs), the paragraph with a lone last character alone is set a
 * little looser, pushing a character down, or tighter, pulling it up
 * (clreq's two ways), in steps of a fortieth of an em between its CJK
 * characters, as long as the text keeps its number of lines. */
static void respace(PangoLayout *l, PangoAttrList *base, const char *text, int lines,
                    double size, double w)
{
    /* Breaks where UAX #14 allows only, in the box: a character is never
     * pushed out by the spacing. */
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    static const int steps[] = {1, 2, 3, -1, -2, -3};
    GArray *bad = orphaned(l);
    PangoAttrList *attrs = pango_attr_list_copy(base);
    for (guint i = 0; i < bad->len; i++) {
        range r = g_array_index(bad, range, i);
        bool fixed = false;
        for (guint k = 0; k < G_N_ELEMENTS(steps) && !fixed; k++) {
            PangoAttrList *trial = pango_attr_list_copy(attrs);
            space_cjk(trial, text, r, (int)(steps[k] * size / 40 * PANGO_SCALE));
            pango_layout_set_attributes(l, trial);
            GArray *still = orphaned(l);
            fixed = pango_layout_get_line_count(l) <= lines && widest(l) <= w;
            for (guint j = 0; fixed && j < still->len; j++)
                fixed = g_array_index(still, range, j).start != r.start;
            g_array_free(still, TRUE);
            if (fixed) {
                pango_attr_list_unref(attrs);
                attrs = trial;
            } else {
                pango_attr_list_unref(trial);
            }
        }
    }
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    g_array_free(bad, TRUE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
}

/* ---- setting a text ----------------------------------------------------- */

/* Pango's PANGO_WRAP_WORD_CHAR reshapes the rest of a word for every line
 * it breaks the word across: a run of thousands of characters with no
 * break opportunity (a pasted string of letters or digits) costs time
 * quadratic in its length. Ideographs and spaces give opportunities, so
 * this is never true of real text; only past BG_TEXT_LONGEST_WORD
 * characters does a layout break anywhere instead (PANGO_WRAP_CHAR,
 * linear). */
int bg_text_longest_run(const char *text, size_t *start, size_t *end)
{
    size_t bytes = strlen(text);
    int n = (int)g_utf8_strlen(text, (gssize)bytes);
    PangoLogAttr *attrs = g_new(PangoLogAttr, n + 1);
    pango_get_log_attrs(text, (int)bytes, -1, pango_language_from_string("zh-cn"), attrs, n + 1);
    int run = 0, best = 0;
    const char *p = text, *run_start = text;
    *start = *end = 0;
    for (int i = 0; i < n; i++, p = g_utf8_next_char(p)) {
        if (i == 0 || attrs[i].is_line_break || attrs[i].is_mandatory_break) {
            run = 0;
            run_start = p;
        }
        if (++run > best) {
            best = run;
            *start = (size_t)(run_start - text);
            *end = (size_t)(g_utf8_next_char(p) - text);
        }
    }
    g_free(attrs);
    return best;
}

static bool has_long_word(const char *text)
{
    size_t a, b;
    return strlen(text) > BG_TEXT_LONGEST_WORD /* a character is at least a byte */ &&
           bg_text_longest_run(text, &a, &b) > BG_TEXT_LONGEST_WORD;
}

bool bg_text_same_at(const bg_text_style *st, const char *text, double width)
{
    if (has_long_word(text) || strchr(text, '\n'))
        return false;
    GArray *any = g_array_new(FALSE, FALSE, sizeof(range));
    GArray *at = g_array_new(FALSE, FALSE, sizeof(range));
    keep_numbers(any, text, -1, st->size);
    keep_numbers(at, text, width - MAX(0, st->indent), st->size);
    if (st->label) {
        keep_words(any, text, st->keep, -1, st->size);
        keep_words(at, text, st->keep, width - MAX(0, st->indent), st->size);
    }
    bool same = any->len == at->len;
    g_array_free(any, TRUE);
    g_array_free(at, TRUE);
    return same;
}

static PangoLayout *text_new(const bg_text_style *st, const char *text, double width,
                             bool fix_orphans)
{
    PangoLayout *l = pango_layout_new(st->ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, st->family);
    pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
    if (st->bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    /* Tabular figures, so that amounts line up digit under digit. */
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_font_features_new("tnum 1"));
    GArray *keep = g_array_new(FALSE, FALSE, sizeof(range));
    keep_numbers(keep, text, width - MAX(0, st->indent), st->size);
    if (st->label)
        keep_words(keep, text, st->keep, width - MAX(0, st->indent), st->size);
    apply_keeps(attrs, keep);
    g_array_free(keep, TRUE);
    pango_layout_set_attributes(l, attrs);
    pango_layout_set_text(l, text, -1);
    pango_layout_set_alignment(l, st->align);
    if (st->indent > 0)
        pango_layout_set_indent(l, (int)(st->indent * PANGO_SCALE));
    if (width <= 0) {
        pango_attr_list_unref(attrs);
        return l;
    }
    if (has_long_word(text)) {
        /* Such a run is a code or a paste, not a word: broken anywhere, with
         * no hyphen, and not balanced (each try would cost as much again). */
        pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
        pango_layout_set_wrap(l, PANGO_WRAP_CHAR);
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        return l;
    }
    /* WORD follows UAX #14: it breaks between ideographs but never before
     * ，。）or after （; WORD_CHAR breaks a word only where it cannot fit. */
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    int lines = pango_layout_get_line_count(l);
    double w = width;
    if (lines >= 2 && (st->label || (fix_orphans && bg_text_orphan(l)))) {
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        /* (the widths tried worked out from one shaping, where that can be) */
        bg_breaks *bk = st->label ? bg_breaks_new(l) : NULL;
        if (st->label && holds_at(l, bk, width, lines)) {
            /* Balanced: the narrowest box that keeps the number of lines. */
            double lo = width / lines * 0.5, hi = width;
            while (hi - lo > 0.25) {
                double mid = (lo + hi) / 2;
                if (holds_at(l, bk, mid, lines))
                    hi = mid;
                else
                    lo = mid;
            }
            /* (a hair over: at exactly its width WORD_CHAR may break a word) */
            w = MIN(width, hi + 0.05);
        }
        bg_breaks_free(bk);
        pango_layout_set_width(l, (int)(w * PANGO_SCALE));
        if (fix_orphans && bg_text_orphan(l)) {
            /* Push characters down (clreq's loosening): a box narrower by a
             * quarter em at a time, while the text keeps its lines. */
            for (double t = w - st->size / 4; t > w - 3 * st->size && t > w * 0.5;
                 t -= st->size / 4) {
                if (!holds(l, t, lines))
                    break;
                if (!bg_text_orphan(l)) {
                    w = t;
                    break;
                }
            }
        }
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_width(l, (int)(w * PANGO_SCALE));
        if (fix_orphans && bg_text_orphan(l))
            respace(l, attrs, text, lines, st->size, w);
    }
    pango_attr_list_unref(attrs);
    if (w < width && st->align != PANGO_ALIGN_LEFT) {
        double *dx = g_new(double, 1);
        *dx = st->align == PANGO_ALIGN_CENTER ? (width - w) / 2 : width - w;
        g_object_set_qdata_full(G_OBJECT(l), dx_quark(), dx, g_free);
    }
    if (st->justify && st->align == PANGO_ALIGN_LEFT)
        justify(l, width, st->indent, st->size);
    return l;
}

guint64 bg_text_keep_key(const GPtrArray *keep)
{
    /* FNV-1a over the words: the content, never the array's address, which
     * a later document's list may reuse. */
    guint64 h = 14695981039346656037ULL;
    for (guint i = 0; keep && i < keep->len; i++) {
        for (const unsigned char *p = keep->pdata[i]; *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
        h = (h ^ 0x1F) * 1099511628211ULL;
    }
    return keep ? h : 0;
}

/* Texts set in a width, kept on the Pango context (layout/memo.c): a text
 * recurs at the same width (a label in several tables, a contents entry
 * set again when the number of front pages changes, nearly every cell when
 * `watch` renders again after an edit), and setting one costs up to a
 * dozen Pango layouts (balancing, 孤字). A layout is handed out shared,
 * which the rule that a caller never changes it allows; one-line layouts
 * (width <= 0) are kept only when asked for (bg_text_line), as measurers
 * change their width. */
static bg_memo *memo_for(PangoContext *ctx)
{
    return bg_memo_of(ctx, "bg-text-memo", g_object_unref);
}

void bg_text_memo_next(PangoContext *ctx)
{
    bg_memo_next(memo_for(ctx));
}

static PangoLayout *text_kept(const bg_text_style *st, const char *text, double width,
                              bool fix_orphans, bool shared_line)
{
    if (width <= 0 && !shared_line)
        return text_new(st, text, width, fix_orphans);
    bg_memo *m = memo_for(st->ctx);
    char *key = g_strdup_printf("%s|%.4f|%d%d%d%d%d|%.4f|%" G_GINT64_MODIFIER "x|%.4f|%s",
                                st->family, st->size, st->bold, (int)st->align, st->justify,
                                st->label, fix_orphans, st->indent, bg_text_keep_key(st->keep),
                                width, text);
    PangoLayout *l = bg_memo_get(m, key);
    if (l) {
        g_free(key);
        return g_object_ref(l);
    }
    l = text_new(st, text, width, fix_orphans);
    bg_memo_put(m, key, g_object_ref(l));
    return l;
}

PangoLayout *bg_text_new(const bg_text_style *st, const char *text, double width)
{
    return text_kept(st, text, width, true, false);
}

PangoLayout *bg_text_line(const bg_text_style *st, const char *text)
{
    return text_kept(st, text, -1, false, true);
}

double bg_text_dx(PangoLayout *l)
{
    const double *dx = g_object_get_qdata(G_OBJECT(l), dx_quark());
    return dx ? *dx : 0;
}

PangoLayout *bg_text_layout(PangoContext *ctx, const char *family, double size, bool bold,
                            const char *text, double width, PangoAlignment align, bool balance)
{
    bg_text_style st = {.ctx = ctx, .family = family, .size = size, .bold = bold, .align = align};
    return text_kept(&st, text, width, balance, false);
}
