/* Rebuilds a PDF table's columns and rows from where its words stand.
 * Each leaf column's title is found in the header by its words (stacked
 * where the cell wraps), which gives a stretch of the page known to lie
 * inside that column's cell; a word of a row can only stand in a column
 * between the known stretches of its neighbours. A row is read when that
 * leaves each of its amounts exactly one column, and the words placed for
 * certain widen their columns' known stretches, so that rows with blanks
 * are placed like full ones. Rows are told apart from a cell's wrapped
 * lines by the gaps between lines, measured against two rows of amounts
 * next to each other. What could be read in two ways is not read (a row's
 * amounts), or said to be uncertain (a label perhaps short of a line):
 * audit checks only what it has read for certain. */
#include "input/published_internal.h"

#include <stdlib.h>
#include <string.h>

/* What is known of a column: a stretch [x1, x2] inside its cell. */
typedef struct {
    bool known;
    double x1, x2;
} extent;

static void widen(extent *e, double x1, double x2)
{
    if (!e->known) {
        *e = (extent){true, x1, x2};
        return;
    }
    e->x1 = x1 < e->x1 ? x1 : e->x1;
    e->x2 = x2 > e->x2 ? x2 : e->x2;
}

static const GArray *line_words(const bg_published *p, int line)
{
    return line < (int)p->words->len ? p->words->pdata[line] : NULL;
}

static const bg_pub_word *word_at(const GArray *w, guint i)
{
    return &g_array_index(w, bg_pub_word, i);
}

static double height(const bg_pub_word *w)
{
    return w->y2 - w->y1;
}

static double middle(const bg_pub_word *w)
{
    return (w->y1 + w->y2) / 2;
}

/* Glyph boxes are exact to a fraction of a point; a word stands in a
 * column when it crosses a neighbour's stretch by no more than this. */
static double slack(const bg_pub_word *w)
{
    return 0.15 * height(w);
}

/* ---- the header -------------------------------------------------------- */

typedef struct {
    const bg_pub_word *w;
    char *norm;
    bool used;
} hword;

static void hword_free(gpointer p)
{
    g_free(((hword *)p)->norm);
    g_free(p);
}

/* Whether `next` continues a cell's title after `last`: the next line of
 * the same cell (below it, overlapping it across), or the next word of the
 * same line. */
static bool continues(const bg_pub_word *last, const bg_pub_word *next)
{
    double h = height(last);
    bool below = middle(next) > middle(last) + 0.5 * h && next->y1 - last->y2 < h;
    double over = (next->x2 < last->x2 ? next->x2 : last->x2) - (next->x1 > last->x1 ? next->x1 : last->x1);
    if (below && over > 0)
        return true;
    bool same_line = middle(next) - middle(last) < 0.5 * h && middle(last) - middle(next) < 0.5 * h;
    return same_line && next->x1 >= last->x2 - slack(last) && next->x1 - last->x2 < h;
}

/* Words that spell `title` from `pos`, each continuing the last; their
 * indices appended to `picked`. `budget` bounds the words tried, so that
 * a header of many alike words cannot make it search long. */
static bool spell(GPtrArray *hw, const char *title, size_t pos, int last, GArray *picked, int *budget)
{
    if (!title[pos])
        return true;
    if (--*budget < 0)
        return false;
    const hword *lw = g_ptr_array_index(hw, last);
    for (guint i = 0; i < hw->len; i++) {
        hword *h = hw->pdata[i];
        if (h->used || (int)i == last || !*h->norm || !g_str_has_prefix(title + pos, h->norm) ||
            !continues(lw->w, h->w))
            continue;
        int k = (int)i;
        g_array_append_val(picked, k);
        if (spell(hw, title, pos + strlen(h->norm), k, picked, budget))
            return true;
        g_array_set_size(picked, picked->len - 1);
    }
    return false;
}

static int by_length_desc(gconstpointer a, gconstpointer b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    return (la < lb) - (la > lb);
}

/* Each leaf column whose title the header lines [from, to) print: the
 * stretch its words cover. A title that several columns share (小计, 金额)
 * is placed left to right only when it is printed as many times as the
 * format has it; the longer titles first, so that a word of one is not
 * taken for another. False when fewer than half the columns are found, or
 * the stretches found do not stand in the columns' order. */
static bool header_extents(const bg_published *p, const bg_pub_table *t, int from, int to, extent *ext,
                           double *bottom)
{
    *bottom = -1e9;
    GPtrArray *hw = g_ptr_array_new_with_free_func(hword_free);
    for (int l = from; l < to; l++) {
        const GArray *ws = line_words(p, l);
        for (guint i = 0; ws && i < ws->len; i++) {
            hword *h = g_new0(hword, 1);
            h->w = word_at(ws, i);
            h->norm = bg_pub_normalize(h->w->text);
            g_ptr_array_add(hw, h);
        }
    }
    char **titles = g_new0(char *, t->n_cols + 1);
    GPtrArray *distinct = g_ptr_array_new();
    for (int c = 0; c < t->n_cols; c++) {
        const bg_pub_leaf *l = t->leaves->pdata[c];
        char *filled = bg_pub_fill_year(l->col->title, p->year);
        titles[c] = bg_pub_normalize(filled);
        g_free(filled);
        bool seen = !*titles[c];
        for (guint k = 0; k < distinct->len && !seen; k++)
            seen = strcmp(distinct->pdata[k], titles[c]) == 0;
        if (!seen)
            g_ptr_array_add(distinct, titles[c]);
    }
    g_ptr_array_sort(distinct, by_length_desc);
    int found = 0;
    GArray *picked = g_array_new(FALSE, FALSE, sizeof(int));
    GArray *matches = g_array_new(FALSE, FALSE, sizeof(extent));
    for (guint d = 0; d < distinct->len; d++) {
        const char *title = distinct->pdata[d];
        g_array_set_size(matches, 0);
        /* starts left to right: the words are in line order, each line
         * left to right, so sort the matches by where they stand */
        for (guint i = 0; i < hw->len; i++) {
            hword *h = hw->pdata[i];
            if (h->used || !*h->norm || !g_str_has_prefix(title, h->norm))
                continue;
            g_array_set_size(picked, 0);
            int k = (int)i;
            g_array_append_val(picked, k);
            int budget = 1000;
            if (!spell(hw, title, strlen(h->norm), k, picked, &budget))
                continue;
            extent e = {false, 0, 0};
            double low = -1e9;
            for (guint j = 0; j < picked->len; j++) {
                hword *x = hw->pdata[g_array_index(picked, int, j)];
                x->used = true;
                widen(&e, x->w->x1, x->w->x2);
                low = x->w->y2 > low ? x->w->y2 : low;
            }
            /* where the header ends: below its lowest title found */
            *bottom = low > *bottom ? low : *bottom;
            guint at = 0;
            while (at < matches->len && g_array_index(matches, extent, at).x1 < e.x1)
                at++;
            g_array_insert_val(matches, at, e);
        }
        int n = 0;
        for (int c = 0; c < t->n_cols; c++)
            n += strcmp(titles[c], title) == 0;
        if ((int)matches->len != n)
            continue;
        for (int c = 0, m = 0; c < t->n_cols; c++)
            if (strcmp(titles[c], title) == 0) {
                ext[c] = g_array_index(matches, extent, m++);
                found++;
            }
    }
    g_array_free(matches, TRUE);
    g_array_free(picked, TRUE);
    g_ptr_array_free(distinct, TRUE);
    g_strfreev(titles);
    g_ptr_array_unref(hw);
    /* leaves stand left to right: a header read otherwise is not trusted */
    double right = -1e9;
    bool ordered = true;
    for (int c = 0; c < t->n_cols && ordered; c++) {
        if (!ext[c].known)
            continue;
        ordered = ext[c].x1 >= right - 1.0;
        right = ext[c].x2;
    }
    /* a few titles found are another table's header, or words that
     * happen to spell a title */
    if (!ordered || 2 * found < t->n_cols) {
        for (int c = 0; c < t->n_cols; c++)
            ext[c].known = false;
        return false;
    }
    return true;
}

/* ---- placing a line's words ---------------------------------------------- */

static bool is_amount_col(const bg_pub_table *t, int c)
{
    return ((bg_pub_leaf *)t->leaves->pdata[c])->key < 0;
}

/* Whether column c holds a code that tells a row's level (类 款 项). */
static bool is_code_col(const bg_pub_table *t, int c)
{
    int k = ((bg_pub_leaf *)t->leaves->pdata[c])->key;
    return k == BG_KEY_FUNC_CLASS || k == BG_KEY_FUNC_KIND || k == BG_KEY_FUNC_ITEM ||
           k == BG_KEY_DEPT_CLASS || k == BG_KEY_DEPT_KIND || k == BG_KEY_DEPT_CODE;
}

/* Whether word w can stand in column c: clear of every known stretch of
 * the columns left and right of c. */
static bool fits(const bg_pub_table *t, const extent *ext, const bg_pub_word *w, int c)
{
    double s = slack(w);
    for (int d = 0; d < t->n_cols; d++) {
        if (!ext[d].known || d == c)
            continue;
        if (d < c && w->x1 < ext[d].x2 - s)
            return false;
        if (d > c && w->x2 > ext[d].x1 + s)
            return false;
    }
    return true;
}

/* A text word no single column holds (a label over several cells, 合计):
 * the first of the key columns whose cells it spans, or -1 when it spans
 * an amount column's. */
static int spanning_key(const bg_pub_table *t, const extent *ext, const bg_pub_word *w)
{
    int first = -1, last = -1;
    for (int c = 0; c < t->n_cols; c++) {
        /* the room column c has: between its known neighbours */
        double lo = -1e9, hi = 1e9;
        for (int d = 0; d < c; d++)
            if (ext[d].known && ext[d].x2 > lo)
                lo = ext[d].x2;
        for (int d = t->n_cols - 1; d > c; d--)
            if (ext[d].known && ext[d].x1 < hi)
                hi = ext[d].x1;
        if (w->x2 > lo && w->x1 < hi) {
            if (first < 0)
                first = c;
            last = c;
        }
    }
    for (int c = first; c >= 0 && c <= last; c++)
        if (is_amount_col(t, c))
            return -1;
    return first;
}

typedef struct {
    const bg_pub_word *w;
    bool amount;   /* reads as an amount */
    bool *can;     /* n_cols: the columns it can stand in (placed: in some placement) */
    int col;       /* where it is placed, -1 when not */
    bool certain;  /* every placement the line allows puts it there */
    int loose;     /* a spanning label's key column, or -1 */
} pword;

/* Whether the word after one in column a can stand in column b: further
 * right, or in the same cell of text. */
static bool may_follow(const bg_pub_table *t, int a, int b)
{
    return b > a || (b == a && !is_amount_col(t, a));
}

typedef enum { PLACE_NONE, PLACE_AMBIGUOUS, PLACE_UNIQUE } place_result;

/* Places the words of one line: every word in a column it fits, left to
 * right. Unique when in every placement the line allows each word stands
 * in the same amount column, or in some key column. */
static place_result place_line(const bg_pub_table *t, const extent *ext, pword *pw, int n)
{
    int nc = t->n_cols;
    int *idx = g_new(int, n > 0 ? (gsize)n : 1); /* the words placed in order */
    int m = 0;
    bool stray = false;
    for (int i = 0; i < n; i++) {
        pw[i].col = -1;
        pw[i].loose = -1;
        pw[i].certain = false;
        bool any = false;
        for (int c = 0; c < nc; c++) {
            pw[i].can[c] = (pw[i].amount || !is_amount_col(t, c)) && fits(t, ext, pw[i].w, c);
            any = any || pw[i].can[c];
        }
        if (any) {
            idx[m++] = i;
            continue;
        }
        pw[i].loose = pw[i].amount ? -1 : spanning_key(t, ext, pw[i].w);
        stray = stray || pw[i].loose < 0;
    }
    /* fwd[k*nc+c]: words idx[0..k] placed, idx[k] in c; bwd the same from
     * the right */
    bool *fwd = g_new0(bool, (gsize)(m ? m : 1) * nc), *bwd = g_new0(bool, (gsize)(m ? m : 1) * nc);
    for (int k = 0; k < m; k++)
        for (int c = 0; c < nc; c++) {
            if (!pw[idx[k]].can[c])
                continue;
            bool ok = k == 0;
            for (int a = 0; a < nc && !ok; a++)
                ok = fwd[(k - 1) * nc + a] && may_follow(t, a, c);
            fwd[k * nc + c] = ok;
        }
    for (int k = m - 1; k >= 0; k--)
        for (int c = 0; c < nc; c++) {
            if (!pw[idx[k]].can[c])
                continue;
            bool ok = k == m - 1;
            for (int b = 0; b < nc && !ok; b++)
                ok = bwd[(k + 1) * nc + b] && may_follow(t, c, b);
            bwd[k * nc + c] = ok;
        }
    place_result res = stray ? PLACE_AMBIGUOUS : PLACE_UNIQUE;
    bool possible = m == 0;
    for (int c = 0; c < nc && m; c++)
        possible = possible || fwd[(m - 1) * nc + c];
    if (!possible)
        res = PLACE_NONE;
    /* the roles each word can take: one amount column, or text */
    for (int k = 0; k < m && res != PLACE_NONE; k++) {
        int amount_col = -1, roles = 0, cols = 0;
        bool text = false;
        for (int c = 0; c < nc; c++) {
            if (!fwd[k * nc + c] || !bwd[k * nc + c])
                continue;
            cols++;
            if (is_amount_col(t, c)) {
                if (amount_col != c)
                    roles++;
                amount_col = c;
            } else if (!text) {
                text = true;
                roles++;
            }
        }
        if (roles > 1)
            res = PLACE_AMBIGUOUS;
        pw[idx[k]].certain = cols == 1;
    }
    /* The placement the words get: a cell holds one word as a rule, so
     * of the placements the line allows, the one that starts the most
     * cells (201 03 01 in 类, 款 and 项), the leftmost of equals. */
    int *score = g_new(int, (gsize)(m ? m : 1) * nc);
    for (int k = 0; k < m && res != PLACE_NONE; k++)
        for (int c = 0; c < nc; c++) {
            score[k * nc + c] = -1;
            if (!fwd[k * nc + c] || !bwd[k * nc + c])
                continue;
            if (k == 0) {
                score[c] = 1;
                continue;
            }
            for (int a = 0; a < nc; a++)
                if (score[(k - 1) * nc + a] >= 0 && may_follow(t, a, c) &&
                    score[(k - 1) * nc + a] + (a != c) > score[k * nc + c])
                    score[k * nc + c] = score[(k - 1) * nc + a] + (a != c);
        }
    int next = -1;
    for (int k = m - 1; k >= 0 && res != PLACE_NONE; k--) {
        int best = -1;
        for (int c = 0; c < nc; c++) {
            if (score[k * nc + c] < 0 || (next >= 0 && !may_follow(t, c, next)))
                continue;
            int v = score[k * nc + c] + (next >= 0 && c != next);
            if (best < 0 || v > score[k * nc + best] + (next >= 0 && best != next))
                best = c;
        }
        pw[idx[k]].col = best;
        next = best;
    }
    g_free(score);
    /* what a word can take from here on: the columns of some placement */
    for (int k = 0; k < m && res != PLACE_NONE; k++)
        for (int c = 0; c < nc; c++)
            pw[idx[k]].can[c] = fwd[k * nc + c] && bwd[k * nc + c];
    g_free(fwd);
    g_free(bwd);
    g_free(idx);
    return res;
}

/* ---- rows --------------------------------------------------------------- */

/* A word of a table's body and the line of the text it is on. */
typedef struct {
    const bg_pub_word *w;
    int line;
} bword;

/* A row of the table: the words of one band of the page (a cell's text
 * wrapped above and below its amounts' line), and how they were placed. */
typedef struct {
    GArray *words;   /* of bword */
    int line;        /* the line of its first amount (0-based) */
    bool partial;    /* its band may lack a wrapped line of its key cells */
    place_result placed;
    bool settled;    /* every word placed for certain: nothing more to learn */
    bool blank;      /* no amount in it: a label */
    int segment;     /* its page's columns; -1: read as words, no header found */
} band;

static int by_top(gconstpointer a, gconstpointer b)
{
    const bword *x = a, *y = b;
    if (x->w->y1 != y->w->y1)
        return x->w->y1 < y->w->y1 ? -1 : 1;
    return (x->w->x1 > y->w->x1) - (x->w->x1 < y->w->x1);
}

static int by_x(gconstpointer a, gconstpointer b)
{
    const bword *x = a, *y = b;
    return (x->w->x1 > y->w->x1) - (x->w->x1 < y->w->x1);
}

/* Whether a's middle is within half of b's height of b's: one line. */
static bool same_height(const bg_pub_word *a, const bg_pub_word *b)
{
    double d = middle(a) - middle(b);
    return d < 0.5 * height(b) && -d < 0.5 * height(b);
}

/* The visual lines of a band: words whose middles are within half a
 * character's height of the line's first, each line left to right. */
static GPtrArray *visual_lines(const GArray *words)
{
    GArray *sorted = g_array_copy((GArray *)words);
    g_array_sort(sorted, by_top);
    GPtrArray *lines = g_ptr_array_new_with_free_func((GDestroyNotify)(void *)g_array_unref);
    bool *done = g_new0(bool, sorted->len ? sorted->len : 1);
    for (guint i = 0; i < sorted->len; i++) {
        if (done[i])
            continue;
        const bword *a = &g_array_index(sorted, bword, i);
        GArray *line = g_array_new(FALSE, FALSE, sizeof(bword));
        for (guint k = i; k < sorted->len && g_array_index(sorted, bword, k).w->y1 <= a->w->y2; k++) {
            const bword *b = &g_array_index(sorted, bword, k);
            if (!done[k] && same_height(b->w, a->w)) {
                g_array_append_val(line, *b);
                done[k] = true;
            }
        }
        g_array_sort(line, by_x);
        g_ptr_array_add(lines, line);
    }
    g_free(done);
    g_array_free(sorted, TRUE);
    return lines;
}

/* Whether word i of a line may stand in column c, given where the words
 * placed before and after it stand. */
static bool keeps_order(const bg_pub_table *t, const pword *line, int n, int i, int c)
{
    for (int k = i - 1; k >= 0; k--)
        if (line[k].col >= 0) {
            if (!may_follow(t, line[k].col, c))
                return false;
            break;
        }
    for (int k = i + 1; k < n; k++)
        if (line[k].col >= 0)
            return may_follow(t, c, line[k].col);
    return true;
}

/* The text column, among those word `w` of line k may stand in, whose
 * words on the band's other lines stand over it the most; -1 for none. */
static int overlapping_col(const bg_pub_table *t, pword *const *lines, const int *counts,
                           int n_lines, int k, const pword *w)
{
    int to = -1;
    double most = 0;
    for (int k2 = 0; k2 < n_lines; k2++)
        for (int i2 = 0; k2 != k && i2 < counts[k2]; i2++) {
            const pword *o = &lines[k2][i2];
            double over = (o->w->x2 < w->w->x2 ? o->w->x2 : w->w->x2) -
                          (o->w->x1 > w->w->x1 ? o->w->x1 : w->w->x1);
            if (o->col >= 0 && !is_amount_col(t, o->col) && w->can[o->col] && over > most) {
                most = over;
                to = o->col;
            }
        }
    return to;
}

/* The row a band makes: each column's words in reading order, joined by a
 * space on one line and without one across wrapped lines. Amounts only
 * when the band's placement is unique. `got` (n_cols) gets the stretch of
 * the words that stand in their column for certain; b->settled says
 * whether every word does. */
static bg_pub_row *band_row(bg_pub_reader *rd, bg_pub_table *t, const extent *ext, band *b,
                            extent *got)
{
    int nc = t->n_cols;
    GPtrArray *vl = visual_lines(b->words);
    int n_lines = (int)vl->len;
    pword **lines = g_new0(pword *, n_lines ? n_lines : 1);
    int *counts = g_new0(int, n_lines ? n_lines : 1);
    place_result placed = PLACE_UNIQUE;
    for (int k = 0; k < n_lines; k++) {
        const GArray *ws = vl->pdata[k];
        int n = (int)ws->len;
        pword *pw = g_new0(pword, n ? n : 1);
        for (int i = 0; i < n; i++) {
            int64_t fen;
            pw[i].w = g_array_index(ws, bword, i).w;
            pw[i].amount = bg_pub_amount_text(rd, pw[i].w->text, &fen);
            pw[i].can = g_new0(bool, nc);
        }
        place_result r = place_line(t, ext, pw, n);
        if (r < placed)
            placed = r;
        lines[k] = pw;
        counts[k] = n;
    }
    /* A text word a line leaves to more than one column goes where the
     * band's other lines wrap text over it (a cell's lines overlap), when
     * its line allows it there. */
    for (int pass = 0, moved = 1; moved && pass < 3; pass++) {
        moved = 0;
        for (int k = 0; k < n_lines; k++)
            for (int i = 0; i < counts[k]; i++) {
                pword *w = &lines[k][i];
                if (w->certain || w->col < 0 || is_amount_col(t, w->col))
                    continue;
                int to = overlapping_col(t, lines, counts, n_lines, k, w);
                if (to < 0 || to == w->col || !keeps_order(t, lines[k], counts[k], i, to))
                    continue;
                w->col = to;
                moved = 1;
            }
    }
    /* A code placed by guess, or a word put beside one, makes a guess of
     * the row's level, which the sums over rows rest on: not read. */
    bool guessed = false;
    int *words_in = g_new0(int, nc);
    for (int k = 0; k < n_lines; k++)
        for (int i = 0; i < counts[k]; i++)
            if (lines[k][i].col >= 0)
                words_in[lines[k][i].col]++;
    for (int k = 0; k < n_lines; k++)
        for (int i = 0; i < counts[k]; i++) {
            const pword *w = &lines[k][i];
            guessed = guessed || (!w->certain && w->col >= 0 && is_code_col(t, w->col) &&
                                  (bg_pub_is_code(w->w->text) || words_in[w->col] > 1));
        }
    g_free(words_in);
    /* an amount cell holds one word, whichever line it is on */
    int *in_col = g_new0(int, nc);
    for (int k = 0; k < n_lines; k++)
        for (int i = 0; i < counts[k]; i++)
            if (lines[k][i].col >= 0 && is_amount_col(t, lines[k][i].col) &&
                in_col[lines[k][i].col]++)
                placed = PLACE_AMBIGUOUS;
    g_free(in_col);
    GString **cells = g_new0(GString *, nc);
    for (int c = 0; c < nc; c++) {
        cells[c] = g_string_new(NULL);
        got[c].known = false;
    }
    b->settled = placed == PLACE_UNIQUE;
    for (int k = 0; k < n_lines; k++) {
        bool *seen = g_new0(bool, nc);
        for (int i = 0; i < counts[k]; i++) {
            const pword *w = &lines[k][i];
            int c = w->col >= 0 ? w->col : w->loose;
            if (c < 0 || (is_amount_col(t, c) && placed != PLACE_UNIQUE))
                continue;
            if (w->certain && placed != PLACE_NONE)
                widen(&got[c], w->w->x1, w->w->x2);
            else
                b->settled = false;
            if (seen[c])
                g_string_append_c(cells[c], ' ');
            g_string_append(cells[c], w->w->text);
            seen[c] = true;
        }
        g_free(seen);
        for (int i = 0; i < counts[k]; i++)
            g_free(lines[k][i].can);
        g_free(lines[k]);
    }
    g_free(lines);
    g_free(counts);
    g_ptr_array_unref(vl);
    b->placed = placed;
    char **texts = g_new0(char *, nc + 1);
    for (int c = 0; c < nc; c++)
        texts[c] = g_string_free(cells[c], FALSE);
    g_free(cells);
    bg_pub_row *row = bg_pub_cells_row(rd, t, texts, nc, b->line + 1);
    row->readable = row->readable && placed == PLACE_UNIQUE && !guessed;
    row->partial_keys = b->partial;
    g_strfreev(texts);
    return row;
}

/* ---- the table ------------------------------------------------------------ */

static int page_of(const bg_published *p, int line)
{
    return bg_published_page(p, line + 1);
}

static bool note_line(const bg_published *p, int l)
{
    char *s = g_strstrip(g_strdup(p->lines->pdata[l]));
    bool yes = bg_pub_is_note(s);
    g_free(s);
    return yes;
}

/* Whether line l holds an amount (a row's line) rather than text. */
static bool amount_line(bg_pub_reader *rd, int l)
{
    char *s = g_strstrip(g_strdup(rd->p->lines->pdata[l]));
    bool yes = *s && !bg_pub_is_note(s) && bg_pub_has_amount_word(rd, s);
    g_free(s);
    return yes;
}

/* Whether a word is an amount rather than a code: read as one with
 * separators or decimals (as a line's words are told apart without the
 * grid), or digits that can only stand in an amount column, in a band that
 * names its row (a key column holds a word of it: not a page number). */
static bool amount_word(bg_pub_reader *rd, const bg_pub_table *t, const extent *ext,
                        const bg_pub_word *w, bool named)
{
    int64_t fen;
    if (!bg_pub_amount_text(rd, w->text, &fen))
        return false;
    if (!bg_pub_is_code(w->text))
        return true;
    bool amount = false;
    for (int c = 0; named && c < t->n_cols; c++)
        if (fits(t, ext, w, c)) {
            if (!is_amount_col(t, c))
                return false;
            amount = true;
        }
    return amount;
}

/* Whether a word can stand in a key column. */
static bool in_key_column(const bg_pub_table *t, const extent *ext, const bg_pub_word *w)
{
    for (int c = 0; c < t->n_cols; c++)
        if (!is_amount_col(t, c) && fits(t, ext, w, c))
            return true;
    return false;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Whether a text holds a letter or a character (not only dashes and
 * digits): what can name a row. */
static bool has_letter(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p))
        if (g_unichar_isalpha(g_utf8_get_char(p)))
            return true;
    return false;
}

/* A line of a page's body as it is seen: words side by side, from top to
 * bottom y1..y2, and whether one is an amount. */
typedef struct {
    double y1, y2;
    bool amount;
    GArray *words; /* of bword */
} vline;

/* The rows of one page's body, in bands of its lines from top to bottom.
 * Two lines holding amounts next to each other are two rows for certain:
 * the narrowest gap between such lines is the least rows leave between
 * them, and lines closer than half of it make one band, one row, its
 * cells' wrapped lines joined. (The header's gap to the first row says
 * nothing of the rows' own: a header may stand taller.) A band holding amounts at two heights is
 * two rows, each of the words at its amounts' height, their labels
 * perhaps short of a line. When rows leave no clear gap (a grid without
 * padding, or no two amount lines next to each other), a row is its
 * amounts' line alone, its label perhaps short of a line, and lines
 * without an amount are read as no row. A band without amounts whose
 * words are all labels is a row of blanks, kept apart for its label. */
static void page_bands(bg_pub_reader *rd, const bg_pub_table *t, const extent *ext, GArray *body,
                       int segment, GArray *bands)
{
    g_array_sort(body, by_top);
    /* the lines: words whose middles are within half a character's height
     * of the first of them, taken from the top */
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(vline));
    bool *done = g_new0(bool, body->len ? body->len : 1);
    double h = 0;
    for (guint i = 0; i < body->len; i++) {
        if (done[i])
            continue;
        const bword *first = &g_array_index(body, bword, i);
        vline v = {first->w->y1, first->w->y2, false, g_array_new(FALSE, FALSE, sizeof(bword))};
        for (guint k = i; k < body->len; k++) {
            const bword *w = &g_array_index(body, bword, k);
            if (w->w->y1 > first->w->y2)
                break; /* by their tops: none further down is of this line */
            if (done[k] || !same_height(w->w, first->w))
                continue;
            done[k] = true;
            g_array_append_val(v.words, *w);
            v.y1 = w->w->y1 < v.y1 ? w->w->y1 : v.y1;
            v.y2 = w->w->y2 > v.y2 ? w->w->y2 : v.y2;
            v.amount = v.amount || amount_word(rd, t, ext, w->w, false);
        }
        g_array_append_val(lines, v);
    }
    g_free(done);
    /* the height of the table's characters: its words' median (a page
     * number below may be larger) */
    double *hs = g_new0(double, body->len ? body->len : 1);
    for (guint i = 0; i < body->len; i++)
        hs[i] = height(g_array_index(body, bword, i).w);
    qsort(hs, body->len, sizeof(double), by_value);
    h = body->len ? hs[body->len / 2] : 0;
    g_free(hs);
    double row_gap = -1;
    for (guint i = 1; i < lines->len; i++) {
        const vline *a = &g_array_index(lines, vline, i - 1), *b = &g_array_index(lines, vline, i);
        if (a->amount && b->amount && (row_gap < 0 || b->y1 - a->y2 < row_gap))
            row_gap = b->y1 - a->y2;
    }
    /* rows that leave less between them than a glyph's box varies by (a
     * digit's and a character's differ) are not told apart by it */
    bool clear = row_gap > 0.3 * h;
    /* the bands: lines [starts[k], starts[k + 1]) */
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < lines->len; i++)
        if (i == 0 || !clear ||
            g_array_index(lines, vline, i).y1 - g_array_index(lines, vline, i - 1).y2 >= row_gap / 2)
            g_array_append_val(starts, i);
    g_array_append_val(starts, lines->len);
    for (guint k = 0; k + 1 < starts->len; k++) {
        guint i = g_array_index(starts, guint, k), j = g_array_index(starts, guint, k + 1);
        GArray *words = g_array_new(FALSE, FALSE, sizeof(bword));
        bool any = false, named = false;
        for (guint l = i; l < j; l++) {
            const vline *v = &g_array_index(lines, vline, l);
            g_array_append_vals(words, v->words->data, v->words->len);
            any = any || v->amount;
        }
        for (guint n = 0; n < words->len && !named; n++)
            named = in_key_column(t, ext, g_array_index(words, bword, n).w) &&
                    has_letter(g_array_index(words, bword, n).w->text);
        /* what stands far below the rows (a page number, a footer) names
         * no row of them */
        if (i > 0 && g_array_index(lines, vline, i).y1 - g_array_index(lines, vline, i - 1).y2 > 3 * h)
            named = false;
        for (guint n = 0; n < words->len && !any && named; n++)
            any = amount_word(rd, t, ext, g_array_index(words, bword, n).w, true);
        /* text beside a row that stands alone may be its wrapped lines */
        bool beside = !clear && ((i > 0 && !g_array_index(lines, vline, i - 1).amount) ||
                                 (j < lines->len && !g_array_index(lines, vline, j).amount));
        /* the heights its amounts stand at */
        GArray *levels = g_array_new(FALSE, FALSE, sizeof(bword));
        for (guint n = 0; any && n < words->len; n++) {
            const bword *w = &g_array_index(words, bword, n);
            bool seen = false;
            for (guint l = 0; l < levels->len && !seen; l++)
                seen = same_height(w->w, g_array_index(levels, bword, l).w);
            if (!seen && amount_word(rd, t, ext, w->w, named))
                g_array_append_val(levels, *w);
        }
        for (guint l = 0; l < levels->len; l++) {
            const bword *v = &g_array_index(levels, bword, l);
            band b = {.line = v->line, .segment = segment, .partial = levels->len > 1 || beside};
            if (levels->len == 1) {
                b.words = g_array_ref(words);
            } else {
                b.words = g_array_new(FALSE, FALSE, sizeof(bword));
                for (guint n = 0; n < words->len; n++)
                    if (same_height(g_array_index(words, bword, n).w, v->w))
                        g_array_append_val(b.words, g_array_index(words, bword, n));
            }
            g_array_append_val(bands, b);
        }
        /* a row of blanks, when rows are told apart and every word of it
         * is a label */
        bool label = clear && named && !levels->len;
        for (guint n = 0; label && n < words->len; n++)
            label = in_key_column(t, ext, g_array_index(words, bword, n).w);
        if (label) {
            band b = {.line = g_array_index(words, bword, 0).line, .segment = segment, .blank = true,
                      .words = g_array_ref(words)};
            g_array_append_val(bands, b);
        }
        g_array_unref(levels);
        g_array_unref(words);
    }
    g_array_free(starts, TRUE);
    for (guint i = 0; i < lines->len; i++)
        g_array_unref(g_array_index(lines, vline, i).words);
    g_array_free(lines, TRUE);
}

void bg_pub_grid_rows(bg_pub_reader *rd, bg_pub_table *t, int title, int end)
{
    bg_published *p = rd->p;
    int nc = t->n_cols;
    GArray *bands = g_array_new(FALSE, FALSE, sizeof(band));
    GPtrArray *exts = g_ptr_array_new_with_free_func(g_free); /* a page's columns */
    bool in_notes = false, all_placed = true;
    int seg_start = title + 1;
    extent *last_ext = NULL;
    while (seg_start < end) {
        int page = page_of(p, seg_start), seg_end = seg_start;
        while (seg_end < end && page_of(p, seg_end) == page)
            seg_end++;
        int first_row = seg_start;
        while (first_row < seg_end && !amount_line(rd, first_row) && !note_line(p, first_row))
            first_row++;
        extent *ext = g_new0(extent, nc);
        double bottom = -1e9;
        /* a header is a few lines above the rows (its cells' lines, wrapped) */
        int head = first_row - seg_start > 16 ? first_row - 16 : seg_start;
        bool header = !in_notes && header_extents(p, t, head, first_row, ext, &bottom);
        /* a page that goes on with the rows, without the header: the
         * columns of the page before (a page with more text above its rows
         * is another table's, or a header not read) */
        int above = 0;
        for (int l = seg_start; l < first_row; l++)
            above += line_words(p, l) && line_words(p, l)->len > 0;
        if (!header && last_ext && above <= 2)
            memcpy(ext, last_ext, sizeof(extent) * (gsize)nc);
        bool geometry = false;
        for (int c = 0; c < nc; c++)
            geometry = geometry || ext[c].known;
        g_ptr_array_add(exts, ext);
        last_ext = geometry ? ext : NULL;
        int segment = (int)exts->len - 1;
        GArray *body = g_array_new(FALSE, FALSE, sizeof(bword));
        for (int l = header ? seg_start : first_row; l < seg_end; l++) {
            char *s = g_strstrip(g_strdup(p->lines->pdata[l]));
            if (*s && (in_notes || bg_pub_is_note(s))) {
                in_notes = true;
                g_ptr_array_add(t->notes, s);
                continue;
            }
            g_free(s);
            if (!geometry) {
                /* nothing of the header found: the words as they come */
                if (amount_line(rd, l)) {
                    band b = {.line = l, .segment = -1};
                    g_array_append_val(bands, b);
                    all_placed = false;
                }
                continue;
            }
            /* a row's first wrapped line may stand above its amounts' line,
             * below the header */
            const GArray *ws = line_words(p, l);
            for (guint i = 0; ws && i < ws->len; i++) {
                bword bw = {word_at(ws, i), l};
                if (l >= first_row || middle(bw.w) > bottom)
                    g_array_append_val(body, bw);
            }
        }
        page_bands(rd, t, ext, body, segment, bands);
        g_array_free(body, TRUE);
        seg_start = seg_end;
    }
    /* words placed for certain teach their columns where they stand; the
     * rows are placed again with what they taught, until they teach
     * nothing more (a few passes do: what stopping sooner leaves is only
     * left unread) */
    GPtrArray *rows = g_ptr_array_new();
    g_ptr_array_set_size(rows, (gint)bands->len);
    extent *got = g_new0(extent, nc);
    bool learned = true;
    for (int pass = 0; learned && pass < 16; pass++) {
        learned = false;
        for (guint i = 0; i < bands->len; i++) {
            band *b = &g_array_index(bands, band, i);
            if (b->segment < 0 || (rows->pdata[i] && b->settled))
                continue;
            extent *ext = exts->pdata[b->segment];
            bg_pub_row *r = band_row(rd, t, ext, b, got);
            for (int c = 0; c < nc; c++) {
                if (!got[c].known)
                    continue;
                extent before = ext[c];
                widen(&ext[c], got[c].x1, got[c].x2);
                learned = learned || !before.known || ext[c].x1 < before.x1 || ext[c].x2 > before.x2;
            }
            /* the earlier reading's texts stay in rd->strings until the end */
            if (rows->pdata[i]) {
                bg_pub_row *old = rows->pdata[i];
                g_free(old->label);
                g_free(old->cells);
                g_free(old);
            }
            rows->pdata[i] = r;
        }
    }
    for (guint i = 0; i < bands->len; i++) {
        band *b = &g_array_index(bands, band, i);
        if (b->segment >= 0) {
            g_ptr_array_add(b->blank ? t->blank_rows : t->rows, rows->pdata[i]);
            g_array_unref(b->words);
            continue;
        }
        char *s = g_strstrip(g_strdup(p->lines->pdata[b->line]));
        GPtrArray *rs = bg_pub_space_rows(rd, t, s, b->line + 1);
        for (guint k = 0; k < rs->len; k++)
            g_ptr_array_add(t->rows, rs->pdata[k]);
        g_ptr_array_free(rs, TRUE);
        g_free(s);
    }
    g_free(got);
    t->header_checked = all_placed && bands->len > 0;
    g_ptr_array_free(rows, TRUE);
    g_ptr_array_unref(exts);
    g_array_free(bands, TRUE);
}
